package org.grantline.grants.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/** A creating request sent with an {@code Idempotency-Key}, and once it finished, its result. */
@MappedEntity("idempotent_request")
public record IdempotentRequest(@EmbeddedId Key id, String requestHash, String method, String path,
                                @Nullable Integer status, @Nullable String contentType, @Nullable String location,
                                @Nullable String responseBody, Instant createdAt, @Nullable Instant completedAt) {

    /** Keys belong to a caller: two callers using the same key never see each other's results. */
    @Embeddable
    public record Key(@MappedProperty("caller") String caller, @MappedProperty("idempotency_key") String idempotencyKey) {
    }

    boolean finished() {
        return status != null;
    }
}

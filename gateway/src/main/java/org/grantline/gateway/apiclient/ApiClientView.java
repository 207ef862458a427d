package org.grantline.gateway.apiclient;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API client as its managers, the audit trail and auditors see it: never its secret nor the secret's hash. */
@Serdeable
public record ApiClientView(UUID id, String name, String subject, List<String> roles, @Nullable UUID jurisdictionId,
                            String createdBy, Instant createdAt, @Nullable Instant expiresAt,
                            @Nullable Instant revokedAt, @Nullable Instant rotatedAt, Status status, long version) {
    public enum Status { ACTIVE, EXPIRED, REVOKED }

    static ApiClientView of(ApiClient c, Instant now) {
        return new ApiClientView(c.id(), c.name(), c.subject(), c.roleList(), c.jurisdictionId(), c.createdBy(),
                c.createdAt(), c.expiresAt(), c.revokedAt(), c.rotatedAt(), c.status(now), c.version() == null ? 0 : c.version());
    }
}

package org.grantline.grants.bulk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("bulk_job")
public record BulkJob(@Id UUID id, BulkMessages.Action action, String filter, @Nullable String reason, int matched, int changed,
                      int refused, String outcome, String requestedBy, Instant startedAt, Instant finishedAt) {
}

package org.grantline.shared.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * One state change: who did what to which record, when, in which request, and the record before
 * and after (JSON). Every service keeps these in its own append-only {@code audit_event} table.
 */
@Serdeable
@MappedEntity("audit_event")
public record AuditEvent(@Id UUID id,
                         Instant occurredAt,
                         String actor,
                         String action,
                         String entityType,
                         @Nullable String entityId,
                         @Nullable String requestId,
                         @Nullable String beforeState,
                         @Nullable String afterState) {
}

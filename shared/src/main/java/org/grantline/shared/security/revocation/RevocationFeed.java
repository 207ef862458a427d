package org.grantline.shared.security.revocation;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** What {@code GET /api/internal/revocations} answers: every revocation still in force. */
@Serdeable
public record RevocationFeed(Instant asOf, List<RevocationEntry> entries) {
}

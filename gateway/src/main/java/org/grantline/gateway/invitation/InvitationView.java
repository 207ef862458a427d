package org.grantline.gateway.invitation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An invitation as administrators and the audit trail see it: never the token or its hash. */
@Serdeable
public record InvitationView(UUID id, String email, String username, String displayName, List<String> roles,
                             UUID jurisdictionId, String invitedBy, Instant createdAt, Instant expiresAt,
                             @Nullable Instant acceptedAt, @Nullable UUID userId, @Nullable Instant revokedAt,
                             Status status) {
    public enum Status { PENDING, ACCEPTED, EXPIRED, REVOKED }

    static InvitationView of(Invitation i, Instant now) {
        return new InvitationView(i.id(), i.email(), i.username(), i.displayName(), i.roleList(), i.jurisdictionId(),
                i.invitedBy(), i.createdAt(), i.expiresAt(), i.acceptedAt(), i.userId(), i.revokedAt(), i.status(now));
    }
}

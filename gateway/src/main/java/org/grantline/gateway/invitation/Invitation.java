package org.grantline.gateway.invitation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An invitation to one account; usable once, until {@code expiresAt}, unless revoked. */
@MappedEntity("user_invitation")
public record Invitation(@Id UUID id,
                         String email,
                         String username,
                         String displayName,
                         String roles,
                         UUID jurisdictionId,
                         String tokenHash,
                         String invitedBy,
                         Instant createdAt,
                         Instant expiresAt,
                         @Nullable Instant acceptedAt,
                         @Nullable UUID userId,
                         @Nullable Instant revokedAt,
                         @Version Long version) {

    public List<String> roleList() {
        return Arrays.asList(roles.split(","));
    }

    public InvitationView.Status status(Instant now) {
        if (acceptedAt != null) {
            return InvitationView.Status.ACCEPTED;
        }
        if (revokedAt != null) {
            return InvitationView.Status.REVOKED;
        }
        return now.isBefore(expiresAt) ? InvitationView.Status.PENDING : InvitationView.Status.EXPIRED;
    }
}

package org.grantline.gateway.mail;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What notifications needs to email an invitation; mirrors notifications' {@code InvitationEmailCommand}. */
@Serdeable
public record InvitationMail(UUID invitationId, String to, String displayName, String username, List<String> roles,
                             String invitedBy, String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "InvitationMail[" + invitationId + "]";   // never the token in a log
    }
}

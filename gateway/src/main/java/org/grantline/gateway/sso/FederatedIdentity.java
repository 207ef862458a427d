package org.grantline.gateway.sso;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** The GrantLine user that one provider's subject ({@code sub}) is. */
@MappedEntity("federated_identity")
public record FederatedIdentity(@Id UUID id, String provider, String subject, UUID userId, Instant createdAt,
                                Instant lastSignInAt) {
}

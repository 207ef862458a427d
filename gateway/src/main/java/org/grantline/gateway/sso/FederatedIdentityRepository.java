package org.grantline.gateway.sso;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FederatedIdentityRepository extends CrudRepository<FederatedIdentity, UUID> {

    Optional<FederatedIdentity> findByProviderAndSubject(String provider, String subject);

    @Query("UPDATE federated_identity SET last_sign_in_at = :now WHERE id = :id")
    int touch(UUID id, Instant now);
}

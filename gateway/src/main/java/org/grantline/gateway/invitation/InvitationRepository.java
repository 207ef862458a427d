package org.grantline.gateway.invitation;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InvitationRepository extends CrudRepository<Invitation, UUID> {

    Optional<Invitation> findByTokenHash(String tokenHash);

    /**
     * The invitation behind a link, its row locked until the transaction ends: acceptances of one
     * link queue here, and each one after the first reads it as accepted.
     */
    @Query(value = "SELECT * FROM user_invitation WHERE token_hash = :tokenHash FOR UPDATE", nativeQuery = true)
    Optional<Invitation> findByTokenHashForUpdate(String tokenHash);

    List<Invitation> findByJurisdictionIdOrderByCreatedAtDesc(UUID jurisdictionId);

    List<Invitation> findAllOrderByCreatedAtDesc();

    /** Takes the invitation for one acceptance: only one caller can, and only while it is usable. */
    @Query(value = "UPDATE user_invitation SET accepted_at = :now, user_id = :userId, version = version + 1 "
            + "WHERE id = :id AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now", nativeQuery = true)
    int claim(UUID id, UUID userId, Instant now);

    /** A pending invitation for the same username blocks another one. */
    @Query(value = "SELECT count(*) > 0 FROM user_invitation WHERE username = :username AND accepted_at IS NULL "
            + "AND revoked_at IS NULL AND expires_at > :now", nativeQuery = true)
    boolean pendingFor(String username, Instant now);
}

package org.grantline.gateway.user;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Agency administrators per jurisdiction, counted over enabled users (roles is a comma-separated list). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CoverageQueries extends GenericRepository<AppUser, UUID> {
    String COUNTS = "SELECT jurisdiction_id, count(*) AS active_users, "
            + "count(*) FILTER (WHERE (',' || roles || ',') LIKE '%,AGENCY_ADMIN,%') AS active_agency_admins "
            + "FROM app_user WHERE enabled AND jurisdiction_id IS NOT NULL ";

    @Query(value = COUNTS + "AND jurisdiction_id = :jurisdictionId GROUP BY jurisdiction_id", nativeQuery = true)
    Optional<AgencyAdminCoverage> of(UUID jurisdictionId);

    @Query(value = COUNTS + "GROUP BY jurisdiction_id HAVING count(*) FILTER (WHERE (',' || roles || ',') LIKE '%,AGENCY_ADMIN,%') < :below "
            + "ORDER BY jurisdiction_id", nativeQuery = true)
    List<AgencyAdminCoverage> below(int below);
}

package org.grantline.grants.certification;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

/** Append-only: the history of a deadline. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DeadlineExtensionRepository extends GenericRepository<DeadlineExtension, UUID> {

    DeadlineExtension save(DeadlineExtension extension);

    List<DeadlineExtension> findByRequirementIdOrderByExtendedAt(UUID requirementId);
}

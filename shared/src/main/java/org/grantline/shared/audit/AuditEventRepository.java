package org.grantline.shared.audit;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

/** Append-only: events are saved and read, never updated or deleted (the database refuses both). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditEventRepository extends GenericRepository<AuditEvent, UUID> {

    AuditEvent save(AuditEvent event);

    <S extends AuditEvent> List<S> saveAll(Iterable<S> events);

    List<AuditEvent> findByEntityTypeAndEntityIdOrderByOccurredAt(String entityType, String entityId);

    Page<AuditEvent> findAll(Pageable pageable);

    Page<AuditEvent> findByEntityType(String entityType, Pageable pageable);

    Page<AuditEvent> findByEntityTypeAndEntityId(String entityType, String entityId, Pageable pageable);

    Page<AuditEvent> findByActor(String actor, Pageable pageable);
}

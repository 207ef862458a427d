package org.grantline.documents.document;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DocumentRepository extends PageableRepository<Document, UUID> {

    Page<Document> findByJurisdictionId(UUID jurisdictionId, Pageable pageable);
}

package org.grantline.documents.document;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DocumentVersionRepository extends CrudRepository<DocumentVersion, UUID> {

    Optional<DocumentVersion> findByDocumentIdAndNumber(UUID documentId, int number);

    List<DocumentVersion> findByDocumentIdOrderByNumber(UUID documentId);

    boolean existsByStorageKey(String storageKey);

    List<DocumentVersion> findAllOrderById();
}

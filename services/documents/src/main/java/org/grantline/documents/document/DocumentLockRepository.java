package org.grantline.documents.document;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DocumentLockRepository extends CrudRepository<DocumentLock, UUID> {

    List<DocumentLock> findByDocumentId(UUID documentId);

    Optional<DocumentLock> findByDocumentIdAndSubmissionId(UUID documentId, UUID submissionId);

    boolean existsByDocumentId(UUID documentId);

    boolean existsByDocumentIdAndVersionNumber(UUID documentId, int versionNumber);
}

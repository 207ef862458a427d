package org.grantline.documents.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DocumentRepository extends PageableRepository<Document, UUID> {

    Page<Document> findByJurisdictionId(UUID jurisdictionId, Pageable pageable);

    /** Visible documents, each filter optional (null: any). */
    @Query(value = """
            select * from document document_ where document_.deleted_at is null
              and (cast(:jurisdictionId as uuid) is null or document_.jurisdiction_id = :jurisdictionId)
              and (cast(:kind as varchar) is null or document_.kind = :kind)
              and (cast(:awardId as uuid) is null or document_.award_id = :awardId)
              and (cast(:requirementId as uuid) is null or document_.requirement_id = :requirementId)
              and (cast(:submissionId as uuid) is null or document_.submission_id = :submissionId)""",
            countQuery = """
            select count(*) from document document_ where document_.deleted_at is null
              and (cast(:jurisdictionId as uuid) is null or document_.jurisdiction_id = :jurisdictionId)
              and (cast(:kind as varchar) is null or document_.kind = :kind)
              and (cast(:awardId as uuid) is null or document_.award_id = :awardId)
              and (cast(:requirementId as uuid) is null or document_.requirement_id = :requirementId)
              and (cast(:submissionId as uuid) is null or document_.submission_id = :submissionId)""")
    Page<Document> search(@Nullable UUID jurisdictionId, @Nullable String kind, @Nullable UUID awardId,
                          @Nullable UUID requirementId, @Nullable UUID submissionId, Pageable pageable);

    /** The row, locked for this transaction: versions of one document are numbered one at a time. */
    @Query("select * from document where id = :id for update")
    Optional<Document> findByIdForUpdate(UUID id);
}

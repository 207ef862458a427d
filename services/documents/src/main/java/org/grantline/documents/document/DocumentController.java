package org.grantline.documents.document;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.util.UUID;

/**
 * Lists the documents the caller may see: officials and legal officers their own jurisdiction's,
 * DOJ officers, admins, auditors and services all.
 */
@Controller("/api/documents")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class DocumentController {

    private final DocumentRepository documents;

    public DocumentController(DocumentRepository documents) {
        this.documents = documents;
    }

    @Get
    public DocumentView.Page list(Authentication authentication,
                                  @QueryValue(defaultValue = "0") @Min(0) int page,
                                  @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        Caller caller = Caller.of(authentication);
        Pageable pageable = Pageable.from(page, size, Sort.of(Sort.Order.desc("createdAt"), Sort.Order.asc("id")));
        io.micronaut.data.model.Page<Document> result;
        if (caller.seesAllJurisdictions() || caller.has(Roles.SERVICE)) {
            result = documents.findAll(pageable);
        } else if (caller.jurisdictionId().isPresent()) {
            result = documents.findByJurisdictionId(caller.jurisdictionId().get(), pageable);
        } else {
            result = io.micronaut.data.model.Page.empty();
        }
        return new DocumentView.Page(result.getContent().stream().map(DocumentView::of).toList(), page, size,
                result.getTotalSize());
    }

    /**
     * One document's record. Also the check the grants service makes before accepting a submission
     * (exists, and belongs to the submitter's jurisdiction): another jurisdiction's is a 404.
     */
    @Get("/{id}")
    public DocumentView get(UUID id, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return documents.findById(id)
                .filter(d -> caller.seesAllJurisdictions() || caller.has(Roles.SERVICE)
                        || (d.jurisdictionId() != null && caller.jurisdictionId().map(d.jurisdictionId()::equals).orElse(false)))
                .map(DocumentView::of)
                .orElseThrow(() -> Problems.notFound("No document " + id));
    }
}

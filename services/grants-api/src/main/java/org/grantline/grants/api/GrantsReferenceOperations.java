package org.grantline.grants.api;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import org.grantline.grants.api.ReferenceMessages.ReferenceAnswer;
import org.grantline.grants.api.ReferenceMessages.ReferenceCheck;

/**
 * Grants' reference check for other services acting as themselves (role SERVICE): the documents
 * service asks it before it files a document under an award, requirement or submission. Grants'
 * {@code ReferenceController} implements it; the documents service's {@code @Client(id = "grants")} extends it.
 */
public interface GrantsReferenceOperations {
    String PATH = "/api/certifications/reference-checks";

    /** One result per id given: OK, MISSING, FOREIGN or MISMATCH. */
    @Post(PATH)
    ReferenceAnswer check(@Body ReferenceCheck check);
}

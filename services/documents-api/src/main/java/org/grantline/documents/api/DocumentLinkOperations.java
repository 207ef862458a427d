package org.grantline.documents.api;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import jakarta.validation.Valid;
import org.grantline.documents.api.LinkMessages.CheckAnswer;
import org.grantline.documents.api.LinkMessages.CheckCommand;
import org.grantline.documents.api.LinkMessages.LockAnswer;
import org.grantline.documents.api.LinkMessages.LockCommand;

/**
 * The documents service's link for other services acting as themselves (role SERVICE): whether
 * documents exist, have bytes and belong to a jurisdiction, and locking those a submitted
 * certification rests on. Documents' {@code LinkController} implements it; grants and jurisdiction
 * call it through a {@code @Client(id = "documents")} interface that extends it.
 */
public interface DocumentLinkOperations {
    String BASE = "/api/documents";

    /** Whether documents exist, have bytes and belong to a jurisdiction (nothing changes). */
    @Post(BASE + "/checks")
    CheckAnswer check(@Body @Valid CheckCommand command);

    /** Locks the current version of each document for a submission; repeating it changes nothing. */
    @Post(BASE + "/locks")
    LockAnswer lock(@Body @Valid LockCommand command);
}

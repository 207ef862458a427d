package org.grantline.documents.document;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

/**
 * Server to server, for the grants service acting as itself (role SERVICE): whether documents exist
 * and belong to a jurisdiction, and locking those a submitted certification rests on (idempotent).
 */
@Controller("/api/documents")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.SERVICE)
@ProblemResponses.Authenticated
@ProblemResponses.BadRequest
@Tag(name = "Service to service", description = "Calls of the other services acting as themselves (role SERVICE)")
public class LinkController {
    private final LinkService links;

    public LinkController(LinkService links) {
        this.links = links;
    }

    /** Whether documents exist, have bytes and belong to a jurisdiction (nothing changes). */
    @Post("/checks")
    public LinkMessages.CheckAnswer check(@Body @Valid LinkMessages.CheckCommand command) {
        return links.check(command.jurisdictionId(), command.documentIds());
    }

    /** Locks the current version of each document for a submission; repeating it changes nothing. */
    @Post("/locks")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public LinkMessages.LockAnswer lock(@Body @Valid LinkMessages.LockCommand command, Authentication authentication) {
        return links.lock(command, Caller.of(authentication));
    }
}

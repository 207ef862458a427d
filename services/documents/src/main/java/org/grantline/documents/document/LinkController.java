package org.grantline.documents.document;

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
public class LinkController {
    private final LinkService links;

    public LinkController(LinkService links) {
        this.links = links;
    }

    @Post("/checks")
    public LinkMessages.CheckAnswer check(@Body @Valid LinkMessages.CheckCommand command) {
        return links.check(command.jurisdictionId(), command.documentIds());
    }

    @Post("/locks")
    public LinkMessages.LockAnswer lock(@Body @Valid LinkMessages.LockCommand command, Authentication authentication) {
        return links.lock(command, Caller.of(authentication));
    }
}

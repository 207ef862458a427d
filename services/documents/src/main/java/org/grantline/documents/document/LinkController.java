package org.grantline.documents.document;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.utils.SecurityService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.documents.api.DocumentLinkOperations;
import org.grantline.documents.api.LinkMessages;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

/**
 * Server to server, for the grants and jurisdiction services acting as themselves (role SERVICE):
 * documents-api's {@link DocumentLinkOperations}, whose routes and bodies it takes from the interface.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.SERVICE)
@ProblemResponses.Authenticated
@ProblemResponses.BadRequest
@Tag(name = "Service to service", description = "Calls of the other services acting as themselves (role SERVICE)")
public class LinkController implements DocumentLinkOperations {
    private final LinkService links;
    private final SecurityService security;

    public LinkController(LinkService links, SecurityService security) {
        this.links = links;
        this.security = security;
    }

    @Override
    @Operation(summary = "Whether documents exist, have bytes and belong to a jurisdiction (nothing changes)")
    public LinkMessages.CheckAnswer check(LinkMessages.CheckCommand command) {
        return links.check(command.jurisdictionId(), command.documentIds());
    }

    @Override
    @Operation(summary = "Locks the current version of each document for a submission; repeating it changes nothing")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public LinkMessages.LockAnswer lock(LinkMessages.LockCommand command) {
        // @Secured(SERVICE) has let only an authenticated service in: the lock is audited as that service.
        return links.lock(command, Caller.of(security.getAuthentication().orElseThrow()));
    }
}

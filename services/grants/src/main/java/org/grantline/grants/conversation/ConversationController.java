package org.grantline.grants.conversation;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.grantline.grants.conversation.ConversationMessage.SubjectKind;
import org.grantline.grants.conversation.ConversationMessages.MessageCommand;
import org.grantline.grants.conversation.ConversationMessages.MessageView;
import org.grantline.grants.conversation.ConversationMessages.ThreadView;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.Idempotent;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.UUID;

/**
 * The thread of a certification requirement and of a demand: DOJ and the jurisdiction write to each
 * other; DOJ also keeps internal notes there that the jurisdiction never sees. People only: a
 * service's token is refused (403), and auditors read without writing.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Conversations")
public class ConversationController {

    private final ConversationService service;

    public ConversationController(ConversationService service) {
        this.service = service;
    }

    @Get("/certifications/requirements/{id}/messages")
    @Operation(summary = "A requirement's thread, oldest message first (DOJ-internal notes only for DOJ, admins and auditors)")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured({Roles.ADMIN, Roles.DOJ_OFFICER, Roles.AUDITOR, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    public ThreadView requirementThread(UUID id, Authentication caller) {
        return service.thread(SubjectKind.REQUIREMENT, id, Caller.of(caller));
    }

    @Post("/certifications/requirements/{id}/messages")
    @Operation(summary = "Writes to a requirement's thread, or adds a DOJ-internal note")
    @Created
    @Idempotent
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.ServiceUnavailable
    @Secured({Roles.ADMIN, Roles.DOJ_OFFICER, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    public HttpResponse<MessageView> postToRequirement(UUID id, @Body @Valid MessageCommand command, Authentication caller) {
        MessageView made = service.post(SubjectKind.REQUIREMENT, id, command, Caller.of(caller), authorName(caller));
        return HttpResponse.created(made, URI.create("/api/certifications/requirements/" + id + "/messages"));
    }

    @Get("/letters/demands/{id}/messages")
    @Operation(summary = "A demand's thread, oldest message first (DOJ-internal notes only for DOJ, admins and auditors)")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured({Roles.ADMIN, Roles.DOJ_OFFICER, Roles.AUDITOR, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    public ThreadView demandThread(UUID id, Authentication caller) {
        return service.thread(SubjectKind.DEMAND, id, Caller.of(caller));
    }

    @Post("/letters/demands/{id}/messages")
    @Operation(summary = "Writes to a demand's thread, or adds a DOJ-internal note")
    @Created
    @Idempotent
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.ServiceUnavailable
    @Secured({Roles.ADMIN, Roles.DOJ_OFFICER, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    public HttpResponse<MessageView> postToDemand(UUID id, @Body @Valid MessageCommand command, Authentication caller) {
        MessageView made = service.post(SubjectKind.DEMAND, id, command, Caller.of(caller), authorName(caller));
        return HttpResponse.created(made, URI.create("/api/letters/demands/" + id + "/messages"));
    }

    /** The sender as people know them: the token's {@code name} claim (the gateway signs it in), else the username. */
    public static String authorName(Authentication caller) {
        Object name = caller.getAttributes().get("name");
        return name != null && !name.toString().isBlank() ? name.toString().strip() : caller.getName();
    }
}

package org.grantline.grants.letters;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import org.grantline.grants.letters.LetterMessages.AnswerCommand;
import org.grantline.grants.letters.LetterMessages.CloseCommand;
import org.grantline.grants.letters.LetterMessages.DecisionCommand;
import org.grantline.grants.letters.LetterMessages.DemandDetail;
import org.grantline.grants.letters.LetterMessages.DemandView;
import org.grantline.grants.letters.LetterMessages.LetterCommand;
import org.grantline.grants.letters.LetterMessages.LetterView;
import org.grantline.grants.letters.LetterMessages.RecipientFilter;
import org.grantline.grants.letters.LetterMessages.RecipientsView;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.Idempotent;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Demand letters. DOJ officers and admins compose, send, decide and close; auditors read; a
 * jurisdiction's officials and legal officers read and answer their own demands only (another's is 404).
 */
@Controller("/api/letters")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Demand letters")
public class LetterController {

    private final LetterService service;

    public LetterController(LetterService service) {
        this.service = service;
    }

    /** Who a filter reaches, before sending: the count and the list. */
    @Post("/recipients")
    @Idempotent
    @ProblemResponses.BadRequest
    @ProblemResponses.ServiceUnavailable
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public RecipientsView recipients(@Body @Valid RecipientFilter filter) {
        var found = service.preview(filter);
        return new RecipientsView(found.size(), found);
    }

    @Post
    @Idempotent
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.ServiceUnavailable
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    @io.swagger.v3.oas.annotations.Operation(summary = "Send a demand letter: one tracked demand per recipient")
    public HttpResponse<LetterView> send(@Body @Valid LetterCommand command, Authentication caller) {
        LetterView sent = service.send(command, Caller.of(caller), false);
        return HttpResponse.created(sent, URI.create("/api/letters/" + sent.id()));
    }

    @Get
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.AUDITOR})
    @io.swagger.v3.oas.annotations.Operation(summary = "Demand letters, each with who answered and who is late")
    public List<LetterView> list(Authentication caller) {
        return service.list(Caller.of(caller));
    }

    @Get("/{id}")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @io.swagger.v3.oas.annotations.Operation(summary = "One demand letter with its recipients' progress")
    public LetterView get(UUID id, Authentication caller) {
        return service.get(id, Caller.of(caller));
    }

    @Post("/{id}/close")
    @Idempotent
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    @io.swagger.v3.oas.annotations.Operation(summary = "Close a demand letter")
    public LetterView close(UUID id, @Body @Valid CloseCommand command, Authentication caller) {
        return service.close(id, command.reason(), Caller.of(caller));
    }

    @Get("/demands")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @io.swagger.v3.oas.annotations.Operation(summary = "Demands (one per jurisdiction and letter)")
    public List<DemandView> demands(@Nullable @QueryValue UUID jurisdictionId, Authentication caller) {
        return service.demandsOf(jurisdictionId, Caller.of(caller));
    }

    @Get("/demands/{id}")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @io.swagger.v3.oas.annotations.Operation(summary = "One demand with its questions and answers")
    public DemandDetail demand(UUID id, Authentication caller) {
        return service.demand(id, Caller.of(caller));
    }

    @Post("/demands/{id}/answers")
    @Idempotent
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured({Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    @io.swagger.v3.oas.annotations.Operation(summary = "Answer a demand's questions (signed by the legal officer where required)")
    public DemandView answer(UUID id, @Body @Valid AnswerCommand command, Authentication caller) {
        return service.answer(id, command, Caller.of(caller));
    }

    @Post("/demands/{id}/decision")
    @Idempotent
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    @io.swagger.v3.oas.annotations.Operation(summary = "Accept a demand's answers or ask for more")
    public DemandView decide(UUID id, @Body @Valid DecisionCommand command, Authentication caller) {
        return service.decide(id, command, Caller.of(caller));
    }
}

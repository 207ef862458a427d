package org.grantline.notifications.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.grantline.notifications.delivery.Channel;
import org.grantline.notifications.operator.ReminderQueries;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Webhooks: an agency registers a URL for its jurisdiction (DOJ and admins: for one or all); the
 * signing secret is shown once. Deliveries and their outcomes are listed per webhook: reminders'
 * and, apart, conversation messages'.
 */
@Controller("/api/notifications/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.DOJ_OFFICER, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER, Roles.AUDITOR})
@ProblemResponses.Authenticated
@Tag(name = "Webhooks")
public class WebhookController {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookRepository webhooks;
    private final ReminderQueries queries;
    private final AuditTrail audit;
    private final Clock clock;
    private final WebhookTargets targets;
    private final MessageWebhooks messages;

    public WebhookController(WebhookRepository webhooks, ReminderQueries queries, AuditTrail audit, Clock clock,
                             WebhookTargets targets, MessageWebhooks messages) {
        this.targets = targets;
        this.messages = messages;
        this.webhooks = webhooks;
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
    }

    @Serdeable
    public record WebhookCommand(@NotBlank @Size(max = 2000) String url,
                                 @Nullable UUID jurisdictionId) {
    }

    @Serdeable
    public record WebhookView(UUID id, String url, @Nullable UUID jurisdictionId, boolean active, String createdBy,
                              java.time.Instant createdAt, @Nullable String secret) {
        static WebhookView of(Webhook w, boolean withSecret) {
            return new WebhookView(w.id(), w.url(), w.jurisdictionId(), w.active(), w.createdBy(), w.createdAt(),
                    withSecret ? w.secret() : null);
        }
    }

    @Post
    @Operation(summary = "Registers a webhook for reminders and conversation messages (the signing secret is shown once)")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    @Secured({Roles.ADMIN, Roles.DOJ_OFFICER, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    @Transactional
    public HttpResponse<WebhookView> register(@Body @Valid WebhookCommand command, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (caller.apiClient()) {
            // A webhook is posted only while its owner's account is enabled (Owners asks the gateway
            // about a person); an API client's would never be posted, so it is refused at once.
            throw Problems.forbidden("Webhooks are registered by a person of the agency; an API client cannot own one");
        }
        UUID jurisdiction = command.jurisdictionId();
        if (!caller.seesAllJurisdictions()) {
            UUID own = caller.jurisdictionId().orElseThrow(() -> Problems.forbidden("No jurisdiction bound to this user"));
            if (jurisdiction != null && !jurisdiction.equals(own)) {
                throw Problems.forbidden("Officials register webhooks for their own jurisdiction only");
            }
            jurisdiction = own;
        }
        targets.check(command.url());
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Webhook saved = webhooks.save(new Webhook(UUID.randomUUID(), command.url(), jurisdiction,
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret), true, caller.subject(), clock.instant()));
        audit.record("webhook.registered", "webhook", saved.id(), null, WebhookView.of(saved, false));
        return HttpResponse.created(WebhookView.of(saved, true), URI.create("/api/notifications/webhooks/" + saved.id()));
    }

    @Get
    @Operation(summary = "The caller's webhooks")
    public List<WebhookView> list(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        List<Webhook> all = caller.seesAllJurisdictions() ? webhooks.findAll()
                : caller.jurisdictionId().map(webhooks::findByJurisdictionId).orElse(List.of());
        return all.stream().map(w -> WebhookView.of(w, false)).toList();
    }

    @Get("/{id}/deliveries")
    @ProblemResponses.BadRequest
    @Operation(summary = "A webhook's deliveries, newest first")
    @ProblemResponses.NotFound
    public ReminderQueries.Page deliveries(UUID id, Authentication authentication) {
        Webhook hook = readable(id, Caller.of(authentication));
        return queries.deliveries(new ReminderQueries.Filter(null, null, null, Channel.WEBHOOK, null, null, hook.id().toString()), 0, 200);
    }

    @Get("/{id}/message-deliveries")
    @ProblemResponses.BadRequest
    @Operation(summary = "A webhook's posts of conversation messages (message.posted), newest first")
    @ProblemResponses.NotFound
    public List<MessageWebhooks.Delivery> messageDeliveries(UUID id, Authentication authentication) {
        Webhook hook = readable(id, Caller.of(authentication));
        return messages.of(hook.id(), 200);
    }

    @Delete("/{id}")
    @ProblemResponses.BadRequest
    @Operation(summary = "Removes a webhook")
    @NoContent
    @ProblemResponses.NotFound
    @Secured({Roles.ADMIN, Roles.DOJ_OFFICER, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    @Status(HttpStatus.NO_CONTENT)
    @Transactional
    public void remove(UUID id, Authentication authentication) {
        Webhook hook = readable(id, Caller.of(authentication));
        webhooks.update(new Webhook(hook.id(), hook.url(), hook.jurisdictionId(), hook.secret(), false, hook.createdBy(), hook.createdAt()));
        audit.record("webhook.removed", "webhook", id, Map.of("active", true), Map.of("active", false));
    }

    private Webhook readable(UUID id, Caller caller) {
        return webhooks.findById(id)
                .filter(w -> caller.seesAllJurisdictions() || (w.jurisdictionId() != null && caller.canRead(w.jurisdictionId())))
                .orElseThrow(() -> Problems.notFound("No webhook " + id));
    }
}

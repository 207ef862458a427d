package org.grantline.notifications.message;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.utils.SecurityService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.grantline.notifications.api.MessageNoticeCommand;
import org.grantline.notifications.api.MessageNoticeOperations;
import org.grantline.notifications.api.NoticeResult;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;


/**
 * Where the grants service announces, from its outbox right after commit, each message shared in a
 * requirement's or a demand's conversation: it goes to the inbox of the other side at once and is
 * emailed to them. The relay is at least once, so the same {@code messageId} again changes nothing
 * ({@code created: false}). Only the grants service itself: people (admins and auditors included)
 * and other services get 403. The contract is notifications-api's {@link MessageNoticeOperations}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.SERVICE)
@ProblemResponses.Authenticated
@Tag(name = "Service to service")
public class MessageNoticeController implements MessageNoticeOperations {
    static final String ANNOUNCER = "grants";

    private final MessageNotices notices;
    private final SecurityService security;

    public MessageNoticeController(MessageNotices notices, SecurityService security) {
        this.notices = notices;
        this.security = security;
    }

    @Override
    @Operation(summary = "Puts a conversation message in the other side's inbox and emails them (idempotent per messageId)")
    @ProblemResponses.BadRequest
    public NoticeResult announce(@Valid @Body MessageNoticeCommand command) {
        if (!ANNOUNCER.equals(Caller.of(security.getAuthentication().orElseThrow()).subject())) {
            throw Problems.forbidden("Only the grants service announces conversation messages");
        }
        return new NoticeResult(notices.accept(command));
    }
}

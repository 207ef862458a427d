package org.grantline.notifications.message;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.time.Instant;
import java.util.UUID;

/**
 * Where the grants service announces, from its outbox right after commit, each message shared in a
 * requirement's or a demand's conversation: it goes to the inbox of the other side at once and is
 * emailed to them. The relay is at least once, so the same {@code messageId} again changes nothing
 * ({@code created: false}). Only the grants service itself: people (admins and auditors included)
 * and other services get 403.
 */
@Controller("/internal/message-notices")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.SERVICE)
@ProblemResponses.Authenticated
@Tag(name = "Service to service")
public class MessageNoticeController {
    static final String ANNOUNCER = "grants";

    private final MessageNotices notices;

    public MessageNoticeController(MessageNotices notices) {
        this.notices = notices;
    }

    /** The thread a message belongs to. */
    @Serdeable
    public enum SubjectKind { REQUIREMENT, DEMAND }

    /**
     * One shared message: {@code fromDoj} says which side wrote it (the other side is told);
     * {@code path} is the web app's page of the thread ({@code /#/requirements/{id}}), linked from the
     * inbox and the email; {@code excerpt} is the start of its text.
     */
    @Serdeable
    public record MessageNoticeCommand(@NotNull UUID messageId,
                                       @NotNull SubjectKind subjectKind,
                                       @NotNull UUID subjectId,
                                       @NotNull UUID jurisdictionId,
                                       @NotBlank @Size(max = 300) String subjectTitle,
                                       @NotBlank @Size(max = 200) String authorName,
                                       @NotBlank @Size(max = 40) String authorRole,
                                       @NotNull Boolean fromDoj,
                                       @NotNull @Size(max = 500) String excerpt,
                                       @NotNull @Size(max = 200) @Pattern(regexp = "/#/[A-Za-z0-9/_.~%?=&-]*",
                                               message = "must be a path of the web app starting /#/") String path,
                                       @NotNull @Min(0) Integer documentCount,
                                       @NotNull Instant postedAt) {
    }

    /** {@code created}: false when this message had been announced already (nothing changed). */
    @Serdeable
    public record NoticeResult(boolean created) {
    }

    @Post
    @Operation(summary = "Puts a conversation message in the other side's inbox and emails them (idempotent per messageId)")
    @ProblemResponses.BadRequest
    public NoticeResult announce(@Valid @Body MessageNoticeCommand command, Authentication authentication) {
        if (!ANNOUNCER.equals(Caller.of(authentication).subject())) {
            throw Problems.forbidden("Only the grants service announces conversation messages");
        }
        return new NoticeResult(notices.accept(command));
    }
}

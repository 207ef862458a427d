package org.grantline.notifications.api;

import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/**
 * One shared message: {@code fromDoj} says which side wrote it (the other side is told);
 * {@code path} is the web app's page of the thread ({@code /#/requirements/{id}}), linked from the
 * inbox and the email; {@code excerpt} is the start of its text; {@code noticeKind} what it is to
 * its recipients (absent: {@code MESSAGE}, as in notices stored before it was sent).
 */
@Serdeable
public record MessageNoticeCommand(@NotNull UUID messageId,
                                   @NotNull SubjectKind subjectKind,
                                   @NotNull UUID subjectId,
                                   @NotNull UUID jurisdictionId,
                                   @NotBlank @Size(max = TITLE_MAX) String subjectTitle,
                                   @NotBlank @Size(max = AUTHOR_MAX) String authorName,
                                   @NotBlank @Size(max = ROLE_MAX) String authorRole,
                                   @NotNull Boolean fromDoj,
                                   @NotNull @Size(max = EXCERPT_MAX) String excerpt,
                                   @NotNull @Size(max = 200) @Pattern(regexp = "/#/[A-Za-z0-9/_.~%?=&-]*",
                                           message = "must be a path of the web app starting /#/") String path,
                                   @NotNull @Min(0) Integer documentCount,
                                   @NotNull Instant postedAt,
                                   @Bindable(defaultValue = "MESSAGE") MessageNoticeKind noticeKind) {
    public static final int TITLE_MAX = 300;
    public static final int AUTHOR_MAX = 200;
    public static final int ROLE_MAX = 40;
    public static final int EXCERPT_MAX = 500;

    /** The kind, {@code MESSAGE} when absent. */
    public MessageNoticeKind kind() {
        return noticeKind == null ? MessageNoticeKind.MESSAGE : noticeKind;
    }
}

package org.grantline.grants.outbox;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * What the notifications service is told of a SHARED conversation message
 * ({@code POST /internal/message-notices}): the contract with that service, field for field. It is
 * stored whole in the outbox row ({@code message_notice.payload}) when the message is saved, so the
 * relay posts exactly what was true at that moment. Never made for an INTERNAL note.
 */
@Serdeable
public record MessageNotice(UUID messageId, String subjectKind, UUID subjectId, UUID jurisdictionId, String subjectTitle,
                            String authorName, String authorRole, boolean fromDoj, String excerpt, String path,
                            int documentCount, Instant postedAt) {
    static final int TITLE_MAX = 300;
    static final int AUTHOR_MAX = 200;
    static final int ROLE_MAX = 40;
    static final int EXCERPT_MAX = 500;

    /** A notice within the contract's limits: title, author and role cut to their sizes, the body to an excerpt. */
    public static MessageNotice of(UUID messageId, String subjectKind, UUID subjectId, UUID jurisdictionId, String subjectTitle,
                                   String authorName, String authorRole, boolean fromDoj, String body, int documentCount,
                                   Instant postedAt) {
        String path = ("DEMAND".equals(subjectKind) ? "/#/demands/" : "/#/requirements/") + subjectId;
        return new MessageNotice(messageId, subjectKind, subjectId, jurisdictionId, cut(subjectTitle.strip(), TITLE_MAX),
                cut(authorName.strip(), AUTHOR_MAX), cut(authorRole, ROLE_MAX), fromDoj, cut(body.strip(), EXCERPT_MAX), path,
                documentCount, postedAt);
    }

    /** The text itself when it fits, else its start and "…", {@code max} characters in all (never half a surrogate pair). */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + "…";
    }
}

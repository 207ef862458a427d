package org.grantline.grants.outbox;

import org.grantline.notifications.api.MessageNoticeCommand;
import org.grantline.notifications.api.MessageNoticeKind;
import org.grantline.notifications.api.SubjectKind;

import java.time.Instant;
import java.util.UUID;

/**
 * Makes what the notifications service is told of a SHARED conversation message (notifications-api's
 * {@link MessageNoticeCommand}, {@code POST /internal/message-notices}) within that contract's limits.
 * It is stored whole in the outbox row ({@code message_notice.payload}) when the message is saved, so
 * the relay posts exactly what was true at that moment. Never made for an INTERNAL note.
 */
public final class MessageNotice {
    private MessageNotice() {
    }

    /** A notice within the contract's limits: title, author and role cut to their sizes, the body to an excerpt. */
    public static MessageNoticeCommand of(UUID messageId, String subjectKind, UUID subjectId, UUID jurisdictionId, String subjectTitle,
                                          String authorName, String authorRole, boolean fromDoj, String body, int documentCount,
                                          Instant postedAt, MessageNoticeKind noticeKind) {
        SubjectKind kind = SubjectKind.valueOf(subjectKind);
        String path = (kind == SubjectKind.DEMAND ? "/#/demands/" : "/#/requirements/") + subjectId;
        return new MessageNoticeCommand(messageId, kind, subjectId, jurisdictionId,
                cut(subjectTitle.strip(), MessageNoticeCommand.TITLE_MAX), cut(authorName.strip(), MessageNoticeCommand.AUTHOR_MAX),
                cut(authorRole, MessageNoticeCommand.ROLE_MAX), fromDoj, cut(body.strip(), MessageNoticeCommand.EXCERPT_MAX), path,
                documentCount, postedAt, noticeKind);
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

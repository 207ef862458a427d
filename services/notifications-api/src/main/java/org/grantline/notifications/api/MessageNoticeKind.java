package org.grantline.notifications.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a conversation message is to its recipients, as they choose what to get: a message someone
 * wrote, or a notice GrantLine posts on a demand's thread (a reminder before its deadline, the late
 * notice after it, DOJ's escalation, which no one can decline) and which is chosen like a
 * certification's notice of that kind.
 */
@Serdeable
public enum MessageNoticeKind {
    MESSAGE, REMINDER, OVERDUE, ESCALATION
}

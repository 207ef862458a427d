package org.grantline.notifications.api;

import io.micronaut.serde.annotation.Serdeable;

/** The thread a conversation message belongs to. */
@Serdeable
public enum SubjectKind { REQUIREMENT, DEMAND }

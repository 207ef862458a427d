package org.grantline.notifications.plan;

import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/** What a reminder shows of its requirement beside the feed's facts: its program, award number and condition title. */
public record RequirementNames(@Nullable UUID programId, @Nullable String awardNumber, @Nullable String programName,
                               @Nullable String conditionTitle) {
    /** For a requirement whose award grants does not know (any more). */
    public static final RequirementNames NONE = new RequirementNames(null, null, null, null);

    boolean known() {
        return programId != null;
    }
}

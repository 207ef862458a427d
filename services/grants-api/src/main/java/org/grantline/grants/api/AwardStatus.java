package org.grantline.grants.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** (Described by @Schema: micronaut-openapi reads no Javadoc from another module.) */
@Schema(description = "An award's life, and the moves the service allows between its states.")
public enum AwardStatus {
    OFFERED, ACCEPTED, DECLINED, EXPIRED, ACTIVE, WITHHELD, SUSPENDED, CLAWBACK_INITIATED, CLAWED_BACK, CLOSED;

    private static final Map<AwardStatus, Set<AwardStatus>> NEXT = Map.of(
            OFFERED, EnumSet.of(ACCEPTED, DECLINED, EXPIRED),
            ACCEPTED, EnumSet.of(ACTIVE),
            ACTIVE, EnumSet.of(WITHHELD, SUSPENDED, CLAWBACK_INITIATED, CLOSED),
            WITHHELD, EnumSet.of(ACTIVE, CLAWBACK_INITIATED, CLOSED),
            SUSPENDED, EnumSet.of(ACTIVE, CLAWBACK_INITIATED, CLOSED),
            CLAWBACK_INITIATED, EnumSet.of(CLAWED_BACK),
            CLAWED_BACK, EnumSet.of(CLOSED),
            DECLINED, EnumSet.noneOf(AwardStatus.class),
            EXPIRED, EnumSet.noneOf(AwardStatus.class),
            CLOSED, EnumSet.noneOf(AwardStatus.class));

    public boolean canMoveTo(AwardStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The award runs no more (declined, expired, clawed back, closed): nothing more is owed under it, so nobody is reminded. */
    public boolean ended() {
        return this == DECLINED || this == EXPIRED || this == CLAWED_BACK || this == CLOSED;
    }

    /** The moves a jurisdiction makes itself; every other move is DOJ's. */
    public static boolean jurisdictionsMove(AwardStatus next) {
        return next == ACCEPTED || next == DECLINED;
    }
}

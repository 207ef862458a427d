package org.grantline.shared.input;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The dates GrantLine takes: 1900-01-01 to 2199-12-31 (instants likewise, in UTC). Nothing in this
 * domain lies outside, and outside it the database and the JDK disagree (year 0 reads back as
 * -0001-12-30; year +99999 has no four-digit form), so such a value is refused, not stored.
 */
public final class DateRange {
    public static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2199, 12, 31);
    /** As said in messages. */
    public static final String TEXT = "between 1900-01-01 and 2199-12-31";
    /** What the OpenAPI documents say of every date ({@code @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN)}). */
    public static final String DATE = "An ISO-8601 date between 1900-01-01 and 2199-12-31; any other is refused with 400.";
    /** The years 1900 to 2199, for the OpenAPI documents. */
    public static final String DATE_PATTERN = "^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$";
    /** What the OpenAPI documents say of every instant. */
    public static final String INSTANT = "An ISO-8601 instant (UTC) between 1900-01-01T00:00:00Z and 2199-12-31T23:59:59Z; any other is refused with 400.";

    private DateRange() {
    }

    public static boolean contains(LocalDate date) {
        return !date.isBefore(FIRST) && !date.isAfter(LAST);
    }

    /** For the date and time types GrantLine uses; any other value is not a date and passes. */
    public static boolean contains(Object value) {
        if (value instanceof LocalDate d) {
            return contains(d);
        }
        if (value instanceof Instant i) {
            return !i.isBefore(FIRST.atStartOfDay().toInstant(ZoneOffset.UTC))
                    && i.isBefore(LAST.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        if (value instanceof LocalDateTime d) {
            return contains(d.toLocalDate());
        }
        if (value instanceof OffsetDateTime d) {
            return contains(d.toInstant());
        }
        if (value instanceof ZonedDateTime d) {
            return contains(d.toInstant());
        }
        return true;
    }
}

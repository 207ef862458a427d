package org.grantline.notifications.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The deadlines planning reads: from two days before the oldest overdue reminder can fall (midnight UTC) for
 * the 400 days the feed answers at most.
 */
public record FeedWindow(Instant from, Instant to) {
    static final Duration LENGTH = Duration.ofDays(400);

    public static FeedWindow at(Instant now, List<Integer> overdueDays) {
        int maxOverdue = overdueDays.stream().mapToInt(Integer::intValue).max().orElse(0);
        Instant from = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(maxOverdue + 2L));
        return new FeedWindow(from, from.plus(LENGTH));
    }

    public boolean contains(Instant deadline) {
        return !deadline.isBefore(from) && deadline.isBefore(to);
    }
}

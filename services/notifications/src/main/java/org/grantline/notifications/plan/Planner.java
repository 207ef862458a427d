package org.grantline.notifications.plan;

import org.grantline.grants.api.FeedItemsQuery;
import org.grantline.grants.api.FeedItem;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Plans reminders from the grants service's deadline feed. One replica at a time pulls (a lease on
 * the shared feed state); each page is planned and the cursor advanced in one transaction, so a
 * failure (grants down) loses nothing: the next run starts from the last committed cursor.
 * Planning is idempotent: reminders are unique per (requirement, deadline, offset). The feed is read
 * by {@link FeedReader}, what changes is worked out by {@link PlanDiff}, and written by {@link PlanWriter}.
 */
@Singleton
public class Planner {
    private static final Logger LOG = LoggerFactory.getLogger(Planner.class);

    private final FeedReader feed;
    private final GrantsFeedClient grants;
    private final GrantsNames names;
    private final PlanWriter writer;
    private final FeedStateRepository feedState;
    private final TransactionOperations<Connection> tx;
    private final ProgramSettingsRepository programSettings;
    private final NotificationsConfig config;
    private final AuditTrail audit;
    private final Clock clock;
    private final String instance;

    public Planner(FeedReader feed, GrantsFeedClient grants, GrantsNames names, PlanWriter writer, FeedStateRepository feedState,
                   TransactionOperations<Connection> tx, ProgramSettingsRepository programSettings, NotificationsConfig config,
                   AuditTrail audit, Clock clock, @Value("${micronaut.application.instance.id:local}") String instance) {
        this.feed = feed;
        this.grants = grants;
        this.names = names;
        this.writer = writer;
        this.feedState = feedState;
        this.tx = tx;
        this.programSettings = programSettings;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.instance = instance + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public record Result(boolean ran, int items, int planned, int cancelled, String error) {
    }

    /** What one run did so far, the names it looked up, and where its time went (nanoseconds). */
    private static final class Tally {
        final NameLookup lookup;
        int items;
        int planned;
        int cancelled;
        long names;
        long write;

        Tally(NameLookup lookup) {
            this.lookup = lookup;
        }

        void add(int pageItems, PlanDiff.Plan plan) {
            items += pageItems;
            planned += plan.planned();
            cancelled += plan.cancelled().size();
        }
    }

    public Result run() {
        Instant now = clock.instant();
        if (feedState.takeLease(FeedState.GRANTS, instance, now.plus(config.getLease()), now) != 1) {
            return new Result(false, 0, 0, 0, "another replica is planning");
        }
        Tally tally = new Tally(new NameLookup(names));
        long started = System.nanoTime();
        try {
            FeedWindow window = FeedWindow.at(now, config.getOverdueDays());
            FeedState state = feedState.findById(FeedState.GRANTS).orElseThrow();
            long waited = 0;
            if (state.windowTo() != null && window.to().isAfter(state.windowTo())) {
                // Deadlines that entered the window since the last run may not have changed since: read them whole.
                FeedWindow slice = new FeedWindow(state.windowTo().isAfter(window.from()) ? state.windowTo() : window.from(), window.to());
                waited += feed.read(slice, null, page -> tally.add(page.items().size(), planPage(page.items(), null, now, tally)))
                        .toNanos();
            }
            waited += feed.read(window, state.feedCursor(),
                    page -> tally.add(page.items().size(), planPage(page.items(), page.cursor(), now, tally))).toNanos();
            feedState.succeeded(FeedState.GRANTS, instance, window.to(), now);
            if (tally.items > 0) {
                LOG.info("Planned {} reminders and stopped {} from {} feed items in {} ms (waiting for the feed {} ms, "
                                + "names {} ms, writing {} ms)", tally.planned, tally.cancelled, tally.items,
                        (System.nanoTime() - started) / 1_000_000, waited / 1_000_000, tally.names / 1_000_000, tally.write / 1_000_000);
            }
            return new Result(true, tally.items, tally.planned, tally.cancelled, null);
        } catch (RuntimeException e) {
            LOG.warn("Planning from the grants feed failed; the next run goes on from the last cursor: {}", e.toString());
            feedState.failed(FeedState.GRANTS, instance, Sql.clip(e.toString(), 1000));
            return new Result(true, tally.items, tally.planned, tally.cancelled, "grants feed: " + e.getMessage());
        }
    }

    /**
     * Plans the named requirements now, read back from the grants feed (the announcement's ids only
     * say what to read; the feed says what is true), exactly as the poll plans a page: reminders that
     * no longer apply are cancelled, those that now apply planned. Needs no lease: each write locks
     * the requirements' rows and skips a reading older than the one already applied, so it may run
     * beside the poll and on several replicas at once. Requirements outside the poll's window are left
     * to the poll.
     */
    public Result replan(List<UUID> ids) {
        Instant now = clock.instant();
        FeedWindow window = FeedWindow.at(now, config.getOverdueDays());
        List<FeedItem> inWindow = grants.items(new FeedItemsQuery(ids)).items().stream().filter(i -> window.contains(i.deadline())).toList();
        PlanDiff.Plan plan = planPage(inWindow, null, now, new Tally(new NameLookup(names)));
        return new Result(true, inWindow.size(), plan.planned(), plan.cancelled().size(), null);
    }

    /** Keeps this replica's feed lease alive while it plans: a replica that dies loses it after one lease. */
    public int beat() {
        return feedState.extendLease(FeedState.GRANTS, instance, clock.instant().plus(config.getLease()));
    }

    private static final PlanDiff.Plan NOTHING = new PlanDiff.Plan(List.of(), List.of(), List.of(), List.of(), List.of());

    /**
     * Plans one page in one transaction, and saves {@code nextCursor} (null: none, as for a slice or an
     * announcement) with it. Names are looked up first, outside the transaction: HTTP calls hold no locks.
     */
    private PlanDiff.Plan planPage(List<FeedItem> items, String nextCursor, Instant now, Tally tally) {
        if (items.isEmpty()) {
            if (nextCursor != null) {
                feedState.saveCursor(FeedState.GRANTS, nextCursor);
            }
            return NOTHING;
        }
        Map<UUID, FeedItem> byId = new LinkedHashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        long namesStarted = System.nanoTime();
        Map<UUID, RequirementNames> known = tx.executeRead(status -> writer.names(status.getConnection(), byId.keySet()));
        Map<UUID, RequirementNames> names = tally.lookup.complete(byId.values(), known);
        Map<UUID, ReminderSchedule.Settings> byProgram = new HashMap<>();
        programSettings.findAll().forEach(s -> byProgram.put(s.programId(), s.schedule()));
        PlanDiff.Settings settings = new PlanDiff.Settings(byProgram,
                new ReminderSchedule.Settings(config.getOffsetsDays(), config.getOverdueDays(), config.getSendTime()));
        long writeStarted = System.nanoTime();
        tally.names += writeStarted - namesStarted;
        try {
            return tx.executeWrite(status -> {
                Connection c = status.getConnection();
                Map<UUID, Instant> applied = writer.lockApplied(c, byId.keySet());
                Collection<FeedItem> fresh = PlanDiff.newerThanApplied(byId.values(), applied);
                PlanDiff.Plan plan = NOTHING;
                if (!fresh.isEmpty()) {
                    writer.track(c, fresh, names, applied.keySet(), now);
                    Map<UUID, List<TrackedReminder>> reminders = writer.reminders(c,
                            fresh.stream().map(FeedItem::id).collect(Collectors.toSet()));
                    plan = PlanDiff.plan(fresh, names, reminders, settings, config.getCatchUp(), now);
                    writer.apply(c, plan, now);
                    audit.recordAll(plan.auditChanges());
                }
                if (nextCursor != null) {
                    feedState.saveCursor(FeedState.GRANTS, nextCursor);
                }
                return plan;
            });
        } finally {
            tally.write += System.nanoTime() - writeStarted;
        }
    }
}

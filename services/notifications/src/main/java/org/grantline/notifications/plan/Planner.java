package org.grantline.notifications.plan;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.notifications.delivery.DeliveryStatus;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Plans reminders from the grants service's deadline feed. One replica at a time pulls (a lease on
 * the shared feed state); each page is planned and the cursor advanced in one transaction, so a
 * failure (grants down) loses nothing: the next run starts from the last committed cursor.
 * Planning is idempotent: reminders are unique per (requirement, deadline, offset).
 */
@Singleton
public class Planner {
    private static final Logger LOG = LoggerFactory.getLogger(Planner.class);
    /** The feed answers windows of at most 400 days. */
    private static final Duration WINDOW = Duration.ofDays(400);
    private static final int BULK_AWARD_LOOKUP = 50;
    /** Rows per multi-row INSERT (PostgreSQL takes at most 32,767 parameters a statement). */
    private static final int INSERT_ROWS = 250;

    private final GrantsClient grants;
    private final TransactionOperations<Connection> tx;
    private final ProgramSettingsRepository programSettings;
    private final NotificationsConfig config;
    private final AuditTrail audit;
    private final Clock clock;
    private final String instance;

    public Planner(GrantsClient grants, TransactionOperations<Connection> tx, ProgramSettingsRepository programSettings,
                   NotificationsConfig config, AuditTrail audit, Clock clock,
                   @Value("${micronaut.application.instance.id:local}") String instance) {
        this.grants = grants;
        this.tx = tx;
        this.programSettings = programSettings;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.instance = instance + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public record Result(boolean ran, int items, int planned, int cancelled, String error) {
    }

    private record Counts(int planned, int cancelled) {
    }

    public Result run() {
        Instant now = clock.instant();
        if (!acquireLease(now)) {
            return new Result(false, 0, 0, 0, "another replica is planning");
        }
        int items = 0;
        int planned = 0;
        int cancelled = 0;
        Timings timings = new Timings();
        long started = System.nanoTime();
        try {
            int maxOverdue = config.getOverdueDays().stream().mapToInt(Integer::intValue).max().orElse(0);
            Instant from = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(maxOverdue + 2L));
            Instant to = from.plus(WINDOW);
            Map<String, Object> state = state();
            Instant windowTo = (Instant) state.get("window_to");
            String cursor = (String) state.get("feed_cursor");
            Lookups lookups = new Lookups();
            if (windowTo != null && to.isAfter(windowTo)) {
                // Deadlines that entered the window since the last run may not have changed since: read them whole.
                Instant sliceFrom = windowTo.isAfter(from) ? windowTo : from;
                CompletableFuture<GrantsClient.Feed> next = fetch(sliceFrom, to, null, firstPageSize());
                while (next != null) {
                    GrantsClient.Feed page = await(next, timings);
                    // The next page is read while this one is written.
                    next = page.more() ? fetch(sliceFrom, to, page.cursor(), config.getFeedPageSize()) : null;
                    Counts c = planPage(page.items(), null, now, lookups, timings);
                    items += page.items().size();
                    planned += c.planned();
                    cancelled += c.cancelled();
                }
            }
            CompletableFuture<GrantsClient.Feed> next = fetch(from, to, cursor, firstPageSize());
            while (next != null) {
                GrantsClient.Feed page = await(next, timings);
                next = page.more() ? fetch(from, to, page.cursor(), config.getFeedPageSize()) : null;
                Counts c = planPage(page.items(), page.cursor(), now, lookups, timings);
                items += page.items().size();
                planned += c.planned();
                cancelled += c.cancelled();
            }
            finish(to, now, null);
            if (items > 0) {
                LOG.info("Planned {} reminders and stopped {} from {} feed items in {} ms (waiting for the feed {} ms, "
                                + "names {} ms, writing {} ms)", planned, cancelled, items, (System.nanoTime() - started) / 1_000_000,
                        timings.feed / 1_000_000, timings.names / 1_000_000, timings.write / 1_000_000);
            }
            return new Result(true, items, planned, cancelled, null);
        } catch (RuntimeException e) {
            LOG.warn("Planning from the grants feed failed; the next run goes on from the last cursor: {}", e.toString());
            finish(null, now, e.toString());
            return new Result(true, items, planned, cancelled, "grants feed: " + e.getMessage());
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
        List<GrantsClient.FeedItem> read = grants.items(ids);
        int maxOverdue = config.getOverdueDays().stream().mapToInt(Integer::intValue).max().orElse(0);
        Instant from = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(maxOverdue + 2L));
        Instant to = from.plus(WINDOW);
        List<GrantsClient.FeedItem> inWindow = read.stream()
                .filter(i -> !i.deadline().isBefore(from) && i.deadline().isBefore(to)).toList();
        Counts c = planPage(inWindow, null, now, new Lookups(), new Timings());
        return new Result(true, inWindow.size(), c.planned(), c.cancelled(), null);
    }

    /** Where the time of one run went (nanoseconds). */
    private static final class Timings {
        long feed;
        long names;
        long write;
    }

    /** One page of the feed, asked for on a thread of its own so that it arrives while the page before is written. */
    private CompletableFuture<GrantsClient.Feed> fetch(Instant from, Instant to, String cursor, int limit) {
        return CompletableFuture.supplyAsync(() -> grants.feed(from, to, cursor, limit), FEED_READER);
    }

    /** The first page is small: nothing is written while it is on its way, and the pages after it arrive during writes. */
    private int firstPageSize() {
        return Math.max(1, Math.min(config.getFeedPageSize(), 250));
    }

    private static GrantsClient.Feed await(CompletableFuture<GrantsClient.Feed> page, Timings timings) {
        long started = System.nanoTime();
        try {
            return page.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } finally {
            timings.feed += System.nanoTime() - started;
        }
    }

    private static final ExecutorService FEED_READER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "planner-feed");
        t.setDaemon(true);
        return t;
    });

    /** Keeps this replica's feed lease alive while it plans: a replica that dies loses it after one lease. */
    public int beat() {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE feed_state SET lease_until = ? WHERE id = 'grants' AND lease_owner = ?")) {
                ps.setObject(1, Sql.ts(now.plus(config.getLease())));
                ps.setString(2, instance);
                return ps.executeUpdate();
            }
        });
    }

    private boolean acquireLease(Instant now) {
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE feed_state SET lease_owner = ?, lease_until = ? WHERE id = 'grants' "
                            + "AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)")) {
                ps.setString(1, instance);
                ps.setObject(2, Sql.ts(now.plus(config.getLease())));
                ps.setObject(3, Sql.ts(now));
                ps.setString(4, instance);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private Map<String, Object> state() {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT feed_cursor, window_to FROM feed_state WHERE id = 'grants'");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, Object> m = new HashMap<>();
                if (rs.next()) {
                    m.put("feed_cursor", rs.getString("feed_cursor"));
                    m.put("window_to", Sql.instant(rs, "window_to"));
                }
                return m;
            }
        });
    }

    private void finish(Instant windowTo, Instant now, String error) {
        tx.executeWrite(status -> {
            String sql = windowTo != null
                    ? "UPDATE feed_state SET window_to = ?, last_success_at = ?, last_error = NULL, lease_until = NULL, lease_owner = NULL WHERE id = 'grants' AND lease_owner = ?"
                    : "UPDATE feed_state SET last_error = ?, lease_until = NULL, lease_owner = NULL WHERE id = 'grants' AND lease_owner = ?";
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                if (windowTo != null) {
                    ps.setObject(1, Sql.ts(windowTo));
                    ps.setObject(2, Sql.ts(now));
                    ps.setString(3, instance);
                } else {
                    ps.setString(1, Sql.clip(error, 1000));
                    ps.setString(2, instance);
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Names looked up in grants during one run. */
    private final class Lookups {
        final Map<UUID, GrantsClient.Award> awards = new HashMap<>();
        final Map<UUID, String> programNames = new HashMap<>();
        final Map<UUID, String> conditionTitles = new HashMap<>();
        final Set<String> conditionCatalogues = new HashSet<>();
        boolean allAwardsLoaded;

        void awards(Set<UUID> ids) {
            Set<UUID> missing = ids.stream().filter(id -> !awards.containsKey(id)).collect(Collectors.toSet());
            if (missing.isEmpty()) {
                return;
            }
            if (missing.size() > BULK_AWARD_LOOKUP && !allAwardsLoaded) {
                int page = 0;
                GrantsClient.AwardPage result;
                do {
                    result = grants.awards(page++, 100);
                    result.items().forEach(a -> awards.put(a.id(), a));
                } while ((long) page * 100 < result.total());
                allAwardsLoaded = true;
                missing.removeAll(awards.keySet());
            }
            for (UUID id : missing) {
                try {
                    awards.put(id, grants.award(id));
                } catch (HttpClientResponseException e) {
                    if (e.getStatus() != HttpStatus.NOT_FOUND) {
                        throw e;
                    }
                    awards.put(id, null);
                }
            }
        }

        String programName(UUID programId) {
            return programNames.computeIfAbsent(programId, id -> grants.program(id).name());
        }

        String conditionTitle(UUID programId, int fiscalYear, UUID conditionId) {
            if (conditionCatalogues.add(programId + "/" + fiscalYear)) {
                grants.conditions(programId, fiscalYear).forEach(c -> conditionTitles.put(c.id(), c.title()));
            }
            return conditionTitles.get(conditionId);
        }
    }

    private record Existing(UUID programId, String awardNumber, String programName, String conditionTitle) {
    }

    private record ReminderRow(UUID id, Instant deadline, int offset, ReminderStatus status) {
    }

    private Counts planPage(List<GrantsClient.FeedItem> items, String nextCursor, Instant now, Lookups lookups, Timings timings) {
        if (items.isEmpty()) {
            if (nextCursor != null) {
                tx.executeWrite(status -> saveCursor(status.getConnection(), nextCursor));
            }
            return new Counts(0, 0);
        }
        Map<UUID, GrantsClient.FeedItem> byId = new LinkedHashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        // Names first, outside the transaction: HTTP calls hold no locks. The feed names each award; an older one does not.
        long namesStarted = System.nanoTime();
        Map<UUID, Existing> known = tx.executeRead(status -> existing(status.getConnection(), byId.keySet()));
        for (GrantsClient.FeedItem item : byId.values()) {
            GrantsClient.Award award = item.award();
            if (award != null) {
                lookups.awards.put(award.id(), award);
            }
        }
        Set<UUID> unknownAwards = byId.values().stream()
                .filter(i -> known.get(i.id()) == null || known.get(i.id()).programId() == null)
                .map(GrantsClient.FeedItem::awardId).collect(Collectors.toSet());
        lookups.awards(unknownAwards);
        Map<UUID, Existing> names = new HashMap<>(known);
        for (GrantsClient.FeedItem item : byId.values()) {
            Existing e = known.get(item.id());
            if (e != null && e.programId() != null) {
                continue;
            }
            GrantsClient.Award award = lookups.awards.get(item.awardId());
            if (award == null) {
                names.put(item.id(), new Existing(null, null, null, null));
                continue;
            }
            names.put(item.id(), new Existing(award.programId(), award.awardNumber(), lookups.programName(award.programId()),
                    lookups.conditionTitle(award.programId(), award.fiscalYear(), item.conditionId())));
        }
        Map<UUID, ReminderSchedule.Settings> settings = new HashMap<>();
        programSettings.findAll().forEach(s -> settings.put(s.programId(), s.schedule()));
        ReminderSchedule.Settings defaults = new ReminderSchedule.Settings(config.getOffsetsDays(), config.getOverdueDays(),
                config.getSendTime());
        long writeStarted = System.nanoTime();
        timings.names += writeStarted - namesStarted;
        try {
            return write(new LinkedHashMap<>(byId), names, known, settings, defaults, nextCursor, now);
        } finally {
            timings.write += System.nanoTime() - writeStarted;
        }
    }

    private Counts write(Map<UUID, GrantsClient.FeedItem> byId, Map<UUID, Existing> names, Map<UUID, Existing> known,
                         Map<UUID, ReminderSchedule.Settings> settings, ReminderSchedule.Settings defaults, String nextCursor,
                         Instant now) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            lockNewest(c, byId);
            if (byId.isEmpty()) {
                return new Counts(0, 0);
            }
            upsertTracked(c, byId.values(), names, known.keySet(), now);
            Map<UUID, List<ReminderRow>> reminders = reminders(c, byId.keySet());
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> reopen = new ArrayList<>();
            List<Object[]> cancel = new ArrayList<>();
            List<Object[]> cancelDeliveries = new ArrayList<>();
            Map<String, List<Map<String, Object>>> changes = new LinkedHashMap<>();
            Instant earliest = now.minus(config.getCatchUp());
            for (GrantsClient.FeedItem item : byId.values()) {
                boolean active = ("OPEN".equals(item.status()) || "REJECTED".equals(item.status())) && !item.enjoined()
                        && !item.awardHasEnded();
                String stopReason = !active ? (item.enjoined() ? "court order" : item.awardHasEnded() ? "award ended"
                        : item.status().toLowerCase()) : "deadline changed";
                UUID program = names.get(item.id()).programId();
                List<ReminderSchedule.Planned> desired = active
                        ? ReminderSchedule.plan(item.deadline(), item.deadlineLocalDate(), ZoneId.of(item.timeZone()),
                        program != null ? settings.getOrDefault(program, defaults) : defaults)
                        : List.of();
                List<ReminderRow> rows = reminders.getOrDefault(item.id(), List.of());
                Set<Integer> desiredOffsets = desired.stream().map(ReminderSchedule.Planned::offsetDays).collect(Collectors.toSet());
                List<Integer> added = new ArrayList<>();
                List<Integer> stopped = new ArrayList<>();
                for (ReminderRow row : rows) {
                    boolean wanted = row.deadline().equals(item.deadline()) && desiredOffsets.contains(row.offset());
                    if (!wanted && row.status() == ReminderStatus.PLANNED) {
                        cancel.add(new Object[]{ReminderStatus.CANCELLED, Sql.clip(stopReason, 300), Sql.ts(now), row.id(),
                                ReminderStatus.PLANNED});
                        stopped.add(row.offset());
                    }
                }
                if (!active || rows.stream().anyMatch(r -> !r.deadline().equals(item.deadline()))) {
                    cancelDeliveries.add(new Object[]{DeliveryStatus.CANCELLED, Sql.ts(now), Sql.clip(stopReason, 1000), item.id(),
                            DeliveryStatus.PENDING, DeliveryStatus.FAILED, DeliveryStatus.DEAD, Sql.ts(item.deadline()), active});
                }
                for (ReminderSchedule.Planned p : desired) {
                    ReminderRow row = rows.stream().filter(r -> r.deadline().equals(item.deadline()) && r.offset() == p.offsetDays())
                            .findFirst().orElse(null);
                    if (p.dueAt().isBefore(earliest)) {
                        continue;
                    }
                    if (row == null) {
                        inserts.add(new Object[]{UUID.randomUUID(), item.id(), item.jurisdictionId(), Sql.ts(item.deadline()),
                                p.offsetDays(), p.kind(), p.escalate(), Sql.ts(p.dueAt()), p.localDate(), ReminderStatus.PLANNED, Sql.ts(now),
                                Sql.ts(now)});
                        added.add(p.offsetDays());
                    } else if (row.status() == ReminderStatus.CANCELLED) {
                        reopen.add(new Object[]{ReminderStatus.PLANNED, Sql.ts(now), row.id(), ReminderStatus.CANCELLED});
                        added.add(p.offsetDays());
                    }
                }
                if (!added.isEmpty() || !stopped.isEmpty()) {
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("requirement", item.id().toString());
                    after.put("deadline", item.deadline().toString());
                    after.put("status", item.status());
                    after.put("enjoined", item.enjoined());
                    after.put("planned", added);
                    after.put("stopped", stopped);
                    if (!stopped.isEmpty()) {
                        after.put("reason", stopReason);
                    }
                    changes.computeIfAbsent(stopped.isEmpty() ? "reminders.planned" : added.isEmpty() ? "reminders.stopped"
                            : "reminders.replanned", k -> new ArrayList<>()).add(after);
                }
            }
            insert(c, "INSERT INTO reminder (id, requirement_id, jurisdiction_id, deadline_at, offset_days, kind, escalate, due_at, "
                    + "local_date, status, created_at, updated_at) VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
            batch(c, "UPDATE reminder SET status = ?, reason = NULL, updated_at = ? WHERE id = ? AND status = ?", reopen);
            batch(c, "UPDATE reminder SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND status = ?", cancel);
            // Deliveries not yet sent stop too: all of them when the requirement stops, those of an older deadline when it moves.
            batch(c, "UPDATE delivery SET status = ?, updated_at = ?, last_error = ? WHERE requirement_id = ? "
                    + "AND status IN (?, ?, ?) AND (deadline_at <> ? OR ? = FALSE)", cancelDeliveries);
            audit.recordAll(auditChanges(changes));
            if (nextCursor != null) {
                saveCursor(c, nextCursor);
            }
            return new Counts(inserts.size() + reopen.size(), cancel.size());
        });
    }

    /**
     * One audit event per kind of change and page: a requirement changed alone is recorded on its own
     * (entity {@code requirement}), many at once (a page of the feed) in one event that lists each of them.
     */
    private static List<AuditTrail.Change> auditChanges(Map<String, List<Map<String, Object>>> changes) {
        List<AuditTrail.Change> events = new ArrayList<>();
        changes.forEach((action, each) -> {
            if (each.size() == 1) {
                Map<String, Object> after = new LinkedHashMap<>(each.get(0));
                Object requirement = after.remove("requirement");
                events.add(new AuditTrail.Change(action, "requirement", requirement, null, after));
            } else {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("count", each.size());
                after.put("requirements", each);
                events.add(new AuditTrail.Change(action, "requirements", null, null, after));
            }
        });
        return events;
    }

    /**
     * Rows are inserted many to a statement ({@link #INSERT_ROWS}; the statement for a full chunk is
     * prepared once and reused); a row whose key exists already is left alone (ON CONFLICT DO NOTHING).
     */
    private static void insert(Connection c, String head, String row, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int full = rows.size() / INSERT_ROWS;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(multiRow(head, row, INSERT_ROWS))) {
                for (int chunk = 0; chunk < full; chunk++) {
                    bindRows(ps, rows.subList(chunk * INSERT_ROWS, (chunk + 1) * INSERT_ROWS));
                    ps.executeUpdate();
                }
            }
        }
        List<Object[]> rest = rows.subList(full * INSERT_ROWS, rows.size());
        if (!rest.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(multiRow(head, row, rest.size()))) {
                bindRows(ps, rest);
                ps.executeUpdate();
            }
        }
    }

    private static String multiRow(String head, String row, int n) {
        StringBuilder sql = new StringBuilder(head.length() + n * (row.length() + 2) + 30).append(head);
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.append(" ON CONFLICT DO NOTHING").toString();
    }

    private static void bindRows(PreparedStatement ps, List<Object[]> rows) throws SQLException {
        int p = 1;
        for (Object[] values : rows) {
            for (Object v : values) {
                Sql.set(ps, p++, v);
            }
        }
    }

    private static Void saveCursor(Connection c, String cursor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE feed_state SET feed_cursor = ? WHERE id = 'grants'")) {
            ps.setString(1, cursor);
            ps.executeUpdate();
        }
        return null;
    }

    private static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Sql.set(ps, i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Locks the requirements' rows for this transaction (a poll page and a change announcement
     * planning one requirement at once take turns) and drops the items read before the reading
     * already applied (older {@code updatedAt}), which would undo a newer plan.
     */
    private static void lockNewest(Connection c, Map<UUID, GrantsClient.FeedItem> byId) throws SQLException {
        Map<UUID, Instant> applied = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, source_updated_at FROM tracked_requirement WHERE id IN ("
                + Sql.marks(byId.size()) + ") ORDER BY id FOR UPDATE")) {
            Sql.bind(ps, 1, byId.keySet());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied.put(Sql.uuid(rs, "id"), Sql.instant(rs, "source_updated_at"));
                }
            }
        }
        byId.values().removeIf(i -> i.updatedAt() != null && applied.get(i.id()) != null
                && i.updatedAt().isBefore(applied.get(i.id())));
    }

    private static Map<UUID, Existing> existing(Connection c, Set<UUID> ids) throws SQLException {
        Map<UUID, Existing> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, program_id, award_number, program_name, condition_title "
                + "FROM tracked_requirement WHERE id IN (" + Sql.marks(ids.size()) + ")")) {
            Sql.bind(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(Sql.uuid(rs, "id"), new Existing(Sql.uuid(rs, "program_id"), rs.getString("award_number"),
                            rs.getString("program_name"), rs.getString("condition_title")));
                }
            }
        }
        return found;
    }

    private static Map<UUID, List<ReminderRow>> reminders(Connection c, Set<UUID> ids) throws SQLException {
        Map<UUID, List<ReminderRow>> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, requirement_id, deadline_at, offset_days, status "
                + "FROM reminder WHERE requirement_id IN (" + Sql.marks(ids.size()) + ")")) {
            Sql.bind(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.computeIfAbsent(Sql.uuid(rs, "requirement_id"), k -> new ArrayList<>()).add(new ReminderRow(
                            Sql.uuid(rs, "id"), Sql.instant(rs, "deadline_at"), rs.getInt("offset_days"),
                            ReminderStatus.valueOf(rs.getString("status"))));
                }
            }
        }
        return found;
    }

    private static void upsertTracked(Connection c, java.util.Collection<GrantsClient.FeedItem> items, Map<UUID, Existing> names,
                                      Set<UUID> existing, Instant now) throws SQLException {
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (GrantsClient.FeedItem i : items) {
            Existing n = names.get(i.id());
            Object[] values = {i.awardId(), i.conditionId(), i.jurisdictionId(), n.programId(), n.awardNumber(), n.programName(),
                    Sql.clip(n.conditionTitle(), 1000), Sql.ts(i.deadline()), i.deadlineLocalDate(), i.deadlineLocalTime(),
                    i.timeZone(), i.status(), i.enjoined(), i.version(), Sql.ts(i.updatedAt()), Sql.ts(now), i.id()};
            (existing.contains(i.id()) ? updates : inserts).add(values);
        }
        batch(c, "UPDATE tracked_requirement SET award_id = ?, condition_id = ?, jurisdiction_id = ?, program_id = ?, "
                + "award_number = ?, program_name = ?, condition_title = ?, deadline_at = ?, deadline_local_date = ?, "
                + "deadline_local_time = ?, time_zone = ?, status = ?, enjoined = ?, source_version = ?, "
                + "source_updated_at = COALESCE(?, source_updated_at), updated_at = ? WHERE id = ?", updates);
        insert(c, "INSERT INTO tracked_requirement (award_id, condition_id, jurisdiction_id, program_id, award_number, program_name, "
                + "condition_title, deadline_at, deadline_local_date, deadline_local_time, time_zone, status, enjoined, source_version, "
                + "source_updated_at, updated_at, id) VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
    }
}

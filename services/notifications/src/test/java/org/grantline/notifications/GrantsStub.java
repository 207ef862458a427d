package org.grantline.notifications;

import org.grantline.grants.api.AwardOperations;
import org.grantline.grants.api.AwardPage;
import org.grantline.grants.api.AwardStatus;
import org.grantline.grants.api.AwardView;
import org.grantline.grants.api.ConditionOperations;
import org.grantline.grants.api.ConditionView;
import org.grantline.grants.api.ProgramOperations;
import org.grantline.grants.api.ProgramView;
import org.grantline.grants.api.SignerRole;
import io.micronaut.serde.ObjectMapper;
import org.grantline.grants.api.Feed;
import org.grantline.grants.api.FeedItem;
import org.grantline.grants.api.FeedItems;
import org.grantline.grants.api.FeedItemsQuery;
import org.grantline.grants.api.GrantsFeedOperations;
import org.grantline.grants.api.RequirementStatus;
import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;
import org.grantline.shared.test.StubServer.Request;
import org.grantline.shared.test.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The grants service's deadline feed (window, keyset cursor over changes), awards, programs and
 * conditions over real HTTP, and the gateway's client-credentials endpoint that hands this service its token.
 * The feed implements grants-api's {@link GrantsFeedOperations}: it answers that API's records.
 */
public final class GrantsStub implements GrantsFeedOperations, AwardOperations, ConditionOperations, AutoCloseable {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    public final UUID programId = UUID.randomUUID();
    public final UUID conditionId = UUID.randomUUID();
    public static final String CONDITION_TITLE = "Compliance with 8 U.S.C. 1373";
    private final Map<UUID, Map<String, Object>> requirements = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> changedAt = new ConcurrentHashMap<>();
    private final Map<UUID, AwardView> awards = new ConcurrentHashMap<>();
    /** Change stamps: real time, so a cursor from an earlier run never hides a later change. */
    /** Whether feed items name their award (program, fiscal year, number), as the grants service's do. */
    public volatile boolean namesAwards = true;
    private final AtomicLong stamp = new AtomicLong(System.currentTimeMillis() * 1000);
    /** The gateway's users as {@code /api/internal/users/{username}} tells them, where a test changed one. */
    public final Map<String, Map<String, Object>> users = new ConcurrentHashMap<>();

    /** Calls of {@code POST /api/certifications/feed/items} (the change announcements' read-back). */
    public final AtomicLong itemReads = new AtomicLong();

    /**
     * Plays grants and the gateway (grantline.gateway-url points here too): hands out the service's
     * token and answers nothing without it, so every call notifications makes on its own behalf (the
     * feed, names, the owners' directory) proves the client-credentials filter put that token on.
     */
    private final String serviceToken = TestTokens.shared().service("notifications");
    private final StubServer server = StubServer.start()
            .issuing(serviceToken)
            .requiring(serviceToken)
            .on(null, "/api", r -> {
                Object body = handle(r);
                return body == null ? Answer.problem(404, null) : Answer.json(body);
            });

    @SuppressWarnings("unchecked")
    private Object handle(Request r) {
        String path = r.path();
        if (r.method().equals("POST") && path.equals(GrantsFeedOperations.PATH + "/items")) {
            try {
                return items(JSON.readValue(r.body(), FeedItemsQuery.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, String> q = r.query();
        if (path.startsWith("/api/internal/users/")) {
            return user(path.substring("/api/internal/users/".length()));
        }
        if (path.equals(GrantsFeedOperations.PATH)) {
            return feed(Instant.parse(q.get("from")), Instant.parse(q.get("to")), null, q.get("cursor"),
                    Integer.parseInt(q.getOrDefault("limit", "500")));
        }
        if (path.equals(AwardOperations.BASE)) {
            return list(q.get("jurisdictionId") == null ? null : UUID.fromString(q.get("jurisdictionId")),
                    Integer.parseInt(q.getOrDefault("page", "0")), Integer.parseInt(q.getOrDefault("size", "20")));
        }
        if (path.startsWith(AwardOperations.BASE + "/")) {
            return get(UUID.fromString(path.substring(AwardOperations.BASE.length() + 1)));
        }
        if (path.equals(ProgramOperations.BASE + "/" + programId)) {
            return new ProgramView(programId, "JAG", "Edward Byrne Memorial JAG Program", "BJA", null);
        }
        if (path.equals(ProgramOperations.BASE + "/" + programId + "/conditions")) {
            return list(programId, q.get("fiscalYear") == null ? null : Integer.valueOf(q.get("fiscalYear")));
        }
        return null;
    }

    @Override
    public AwardPage list(UUID jurisdictionId, int page, int size) {
        List<AwardView> all = awards.values().stream()
                .filter(a -> jurisdictionId == null || a.jurisdictionId().equals(jurisdictionId))
                .sorted(Comparator.comparing(a -> a.id().toString())).toList();
        return new AwardPage(all.subList(Math.min(all.size(), page * size), Math.min(all.size(), (page + 1) * size)),
                page, size, all.size());
    }

    @Override
    public AwardView get(UUID id) {
        return awards.get(id);
    }

    /** The one condition of the one program, in whatever fiscal year is asked for (2017 when none is). */
    @Override
    public List<ConditionView> list(UUID programId, Integer fiscalYear) {
        return List.of(new ConditionView(conditionId, programId, fiscalYear == null ? 2017 : fiscalYear, "1373",
                CONDITION_TITLE, CONDITION_TITLE, true, SignerRole.LEGAL_OFFICER, 0));
    }

    /** While down, every call but the token endpoint is a 503. */
    public void down(boolean down) {
        server.down = down;
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public synchronized FeedItems items(FeedItemsQuery query) {
        itemReads.incrementAndGet();
        return new FeedItems(query.ids().stream().map(requirements::get).filter(java.util.Objects::nonNull).map(GrantsStub::item).toList());
    }

    /** {@code updatedSince} is not used by this service's planner and is not served here. */
    @Override
    public synchronized Feed feed(Instant from, Instant to, Instant updatedSince, String cursor, int limit) {
        Instant since = Instant.EPOCH;
        String after = new UUID(0, 0).toString();
        if (cursor != null) {
            String[] p = cursor.split("_");
            since = Instant.parse(p[0]);
            after = p[1];
        }
        Instant s = since;
        String a = after;
        List<UUID> changed = requirements.keySet().stream().filter(id -> {
                    Instant deadline = Instant.parse((String) requirements.get(id).get("deadline"));
                    if (deadline.isBefore(from) || !deadline.isBefore(to)) {
                        return false;
                    }
                    int c = changedAt.get(id).compareTo(s);
                    return c > 0 || (c == 0 && id.toString().compareTo(a) > 0);
                }).sorted(Comparator.comparing((UUID id) -> changedAt.get(id)).thenComparing(UUID::toString))
                .toList();
        boolean more = changed.size() > limit;
        List<UUID> page = more ? changed.subList(0, limit) : changed;
        String next = page.isEmpty() ? since + "_" + after : changedAt.get(page.get(page.size() - 1)) + "_" + page.get(page.size() - 1);
        return new Feed(page.stream().map(requirements::get).map(GrantsStub::item).toList(), next, more);
    }

    /** A requirement as grants' feed shows it (grants-api's record). */
    private static FeedItem item(Map<String, Object> r) {
        Instant deadline = Instant.parse((String) r.get("deadline"));
        return new FeedItem(UUID.fromString((String) r.get("id")), UUID.fromString((String) r.get("awardId")),
                UUID.fromString((String) r.get("conditionId")), UUID.fromString((String) r.get("jurisdictionId")), deadline,
                LocalDate.parse((String) r.get("deadlineLocalDate")), LocalTime.parse((String) r.get("deadlineLocalTime")),
                (String) r.get("timeZone"), RequirementStatus.valueOf((String) r.get("status")), (Boolean) r.get("enjoined"), List.of(),
                deadline.isBefore(Instant.now()), null, null, ((Number) r.get("version")).longValue(),
                r.get("programId") == null ? null : UUID.fromString((String) r.get("programId")), (Integer) r.get("fiscalYear"),
                (String) r.get("awardNumber"), Instant.parse((String) r.get("updatedAt")), Boolean.TRUE.equals(r.get("awardEnded")));
    }

    /**
     * A user as the gateway knows them: one a test set in {@link #users}, else the user behind one of
     * {@link TestTokens}' tokens (enabled, the roles and jurisdiction its name says); null (404) for anyone else.
     */
    private Map<String, Object> user(String username) {
        Map<String, Object> set = users.get(username);
        if (set != null) {
            return set;
        }
        String[][] known = {{"test.official.", "JURISDICTION_OFFICIAL"}, {"test.counsel.", "LEGAL_OFFICER"}};
        for (String[] k : known) {
            if (username.startsWith(k[0])) {
                return user(username, true, k[1], UUID.fromString(username.substring(k[0].length())));
            }
        }
        return switch (username) {
            case "test.admin" -> user(username, true, "ADMIN", null);
            case "test.doj" -> user(username, true, "DOJ_OFFICER", null);
            case "test.auditor" -> user(username, true, "AUDITOR", null);
            default -> null;
        };
    }

    /** The gateway's answer for a user. */
    public static Map<String, Object> user(String username, boolean enabled, String role, UUID jurisdiction) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("username", username);
        u.put("enabled", enabled);
        u.put("roles", List.of(role));
        u.put("jurisdictionId", jurisdiction == null ? null : jurisdiction.toString());
        u.put("tokensValidAfter", null);
        return u;
    }

    /** A new requirement (and its award) due at a local date and time in a zone; answers its id. */
    public UUID requirement(UUID jurisdiction, String zone, LocalDate date, LocalTime time) {
        UUID award = UUID.randomUUID();
        String awardNumber = "2017-DJ-BX-" + (1000 + awards.size());
        awards.put(award, new AwardView(award, jurisdiction, programId, 2017, awardNumber, new BigDecimal("250000.00"),
                LocalDate.of(2017, 9, 1), LocalDate.of(2017, 10, 1), AwardStatus.ACTIVE, BigDecimal.ZERO, BigDecimal.ZERO,
                List.of(conditionId), 0));
        UUID id = UUID.randomUUID();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id.toString());
        r.put("awardId", award.toString());
        r.put("conditionId", conditionId.toString());
        r.put("jurisdictionId", jurisdiction.toString());
        r.put("timeZone", zone);
        r.put("status", "OPEN");
        r.put("enjoined", false);
        r.put("version", 0);
        if (namesAwards) {   // as the grants service's feed does; without them the planner looks each award up
            r.put("programId", programId.toString());
            r.put("fiscalYear", 2017);
            r.put("awardNumber", awardNumber);
        }
        requirements.put(id, r);
        deadline(id, date, time);
        return id;
    }

    public synchronized void deadline(UUID id, LocalDate date, LocalTime time) {
        Map<String, Object> r = requirements.get(id);
        r.put("deadlineLocalDate", date.toString());
        r.put("deadlineLocalTime", time.toString());
        r.put("deadline", LocalDateTime.of(date, time).atZone(ZoneId.of((String) r.get("timeZone"))).toInstant().toString());
        touch(id);
    }

    public synchronized void status(UUID id, String status) {
        requirements.get(id).put("status", status);
        touch(id);
    }

    /** The requirement's award ended (declined, expired, clawed back, closed), as the grants feed says. */
    public synchronized void awardEnded(UUID id, boolean ended) {
        requirements.get(id).put("awardEnded", ended);
        touch(id);
    }

    public synchronized void enjoined(UUID id, boolean enjoined) {
        requirements.get(id).put("enjoined", enjoined);
        touch(id);
    }

    private void touch(UUID id) {
        Map<String, Object> r = requirements.get(id);
        r.put("version", ((Number) r.get("version")).longValue() + 1);
        changedAt.put(id, Instant.EPOCH.plusNanos(stamp.incrementAndGet() * 1000));
        r.put("updatedAt", changedAt.get(id).toString());
    }
}

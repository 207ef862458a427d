package org.grantline.grants;

import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;
import org.grantline.shared.test.StubServer.Request;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notifications service's change intake ({@code POST /api/reminders/changes}) and message intake
 * ({@code POST /internal/message-notices}) over real HTTP, for the outbox relays' tests: it takes only this
 * service's own token (the one {@link DocumentsStub} hands out as the gateway), records each id it was
 * told and when and each notice body, and can answer 503 like a service that is down (or any status
 * to notices, {@link #noticeStatus}).
 */
public final class NotificationsStub implements AutoCloseable {
    private static final Pattern UUID_PATTERN = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Answers 503 to every announcement. */
    public volatile boolean down;
    /** Announcements answered 503. */
    public final AtomicInteger refused = new AtomicInteger();
    /** Announcements answered 401 (a token that is not this service's). */
    public final AtomicInteger unauthorized = new AtomicInteger();
    /** Each id taken (2xx), once per announcement that named it. */
    public final List<UUID> taken = new CopyOnWriteArrayList<>();
    /** When each id was first taken (System.nanoTime()). */
    public final Map<UUID, Long> firstTakenAt = new ConcurrentHashMap<>();
    /** Each message notice body taken (2xx), as posted. */
    public final List<String> notices = new CopyOnWriteArrayList<>();
    /** Message notices answered with something else than 200 (503 while down, or {@link #noticeStatus}). */
    public final AtomicInteger noticesRefused = new AtomicInteger();
    /** When not 0, every message notice is answered with this status (400 or 403: refused for good). */
    public volatile int noticeStatus;
    private final Set<UUID> noticed = ConcurrentHashMap.newKeySet();
    private final StubServer server = StubServer.start()
            .on(null, "/api/reminders/changes", this::changes)
            .on(null, "/internal/message-notices", this::notice);

    private boolean unauthorized(Request r) {
        if (("Bearer " + DocumentsStub.SERVICE_TOKEN).equals(r.header("Authorization"))) {
            return false;
        }
        unauthorized.incrementAndGet();
        return true;
    }

    private Answer changes(Request r) {
        if (unauthorized(r)) {
            return Answer.problem(401, null);
        }
        if (down || !"POST".equals(r.method())) {
            refused.incrementAndGet();
            return Answer.problem(503, null);
        }
        long now = System.nanoTime();
        Matcher m = UUID_PATTERN.matcher(r.text());
        while (m.find()) {
            UUID id = UUID.fromString(m.group());
            taken.add(id);
            firstTakenAt.putIfAbsent(id, now);
        }
        return Answer.json(Map.of("requirements", 0, "planned", 0, "stopped", 0));
    }

    private Answer notice(Request r) {
        if (unauthorized(r)) {
            return Answer.problem(401, null);
        }
        if (down || noticeStatus != 0 || !"POST".equals(r.method())) {
            noticesRefused.incrementAndGet();
            return Answer.problem(noticeStatus != 0 ? noticeStatus : 503, "stub refused");
        }
        Object messageId = r.object().get("messageId");
        boolean created = messageId != null && noticed.add(UUID.fromString((String) messageId));
        notices.add(r.text());
        return Answer.json(Map.of("created", created));
    }

    /** The notice bodies taken that name this message. */
    public List<String> noticesOf(UUID messageId) {
        return notices.stream().filter(b -> b.contains(messageId.toString())).toList();
    }

    public long times(UUID id) {
        return taken.stream().filter(id::equals).count();
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}

package org.grantline.grants;

import io.micronaut.serde.ObjectMapper;
import org.grantline.notifications.api.ChangesCommand;
import org.grantline.notifications.api.ChangesResult;
import org.grantline.notifications.api.MessageNoticeCommand;
import org.grantline.notifications.api.MessageNoticeOperations;
import org.grantline.notifications.api.NoticeResult;
import org.grantline.notifications.api.ReminderChangesOperations;
import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;
import org.grantline.shared.test.StubServer.Request;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notifications service's change intake ({@code POST /api/reminders/changes}) and message intake
 * ({@code POST /internal/message-notices}) over real HTTP, for the outbox relays' tests: it takes only this
 * service's own token (the one {@link DocumentsStub} hands out as the gateway), records each id it was
 * told and when and each notice body, and can answer 503 like a service that is down (or any status
 * to notices, {@link #noticeStatus}). It implements notifications-api's contracts, so what it takes
 * and answers are that API's records.
 */
public final class NotificationsStub implements ReminderChangesOperations, MessageNoticeOperations, AutoCloseable {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();
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
        return Answer.json(changed(read(r, ChangesCommand.class)));
    }

    @Override
    public ChangesResult changed(ChangesCommand command) {
        long now = System.nanoTime();
        for (UUID id : command.requirementIds()) {
            taken.add(id);
            firstTakenAt.putIfAbsent(id, now);
        }
        return new ChangesResult(0, 0, 0);
    }

    private Answer notice(Request r) {
        if (unauthorized(r)) {
            return Answer.problem(401, null);
        }
        if (down || noticeStatus != 0 || !"POST".equals(r.method())) {
            noticesRefused.incrementAndGet();
            return Answer.problem(noticeStatus != 0 ? noticeStatus : 503, "stub refused");
        }
        NoticeResult result = announce(read(r, MessageNoticeCommand.class));
        notices.add(r.text());
        return Answer.json(result);
    }

    @Override
    public NoticeResult announce(MessageNoticeCommand command) {
        return new NoticeResult(command.messageId() != null && noticed.add(command.messageId()));
    }

    private static <T> T read(Request r, Class<T> type) {
        try {
            return JSON.readValue(r.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

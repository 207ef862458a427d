package org.grantline.grants;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
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
    private final HttpServer server;

    public NotificationsStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/reminders/changes", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            if (!("Bearer " + DocumentsStub.SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                status = 401;
            } else if (down || !"POST".equals(exchange.getRequestMethod())) {
                refused.incrementAndGet();
                status = 503;
            } else {
                long now = System.nanoTime();
                Matcher m = UUID_PATTERN.matcher(body);
                while (m.find()) {
                    UUID id = UUID.fromString(m.group());
                    taken.add(id);
                    firstTakenAt.putIfAbsent(id, now);
                }
                status = 200;
            }
            byte[] bytes = (status == 200 ? "{\"requirements\":0,\"planned\":0,\"stopped\":0}" : "{\"status\":" + status + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.createContext("/internal/message-notices", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            String answer;
            if (!("Bearer " + DocumentsStub.SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                status = 401;
                answer = "{\"status\":401}";
            } else if (down || noticeStatus != 0 || !"POST".equals(exchange.getRequestMethod())) {
                noticesRefused.incrementAndGet();
                status = noticeStatus != 0 ? noticeStatus : 503;
                answer = "{\"status\":" + status + ",\"detail\":\"stub refused\"}";
            } else {
                Matcher m = Pattern.compile("\"messageId\"\\s*:\\s*\"(" + UUID_PATTERN.pattern() + ")\"").matcher(body);
                boolean created = m.find() && noticed.add(UUID.fromString(m.group(1)));
                notices.add(body);
                status = 200;
                answer = "{\"created\":" + created + "}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** The notice bodies taken that name this message. */
    public List<String> noticesOf(UUID messageId) {
        return notices.stream().filter(b -> b.contains(messageId.toString())).toList();
    }

    public long times(UUID id) {
        return taken.stream().filter(id::equals).count();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

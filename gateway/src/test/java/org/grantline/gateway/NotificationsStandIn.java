package org.grantline.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notifications' mail paths for the gateway (invitations, account notices) over real HTTP: records
 * each request (its path, Authorization and body) and answers 204, or 503 while {@code failing}
 * (mail down). The emails themselves are notifications' own tests (InvitationEmailTest,
 * AccountEmailTest, on GreenMail).
 */
public final class NotificationsStandIn implements AutoCloseable {
    public static final String INVITATIONS = "/internal/invitation-emails";
    public static final String ACCOUNT_NOTICES = "/internal/account-emails";

    public record Received(String path, String authorization, String body) {
        public String field(String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    public volatile boolean failing;
    private final HttpServer server;

    public NotificationsStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String path : List.of(INVITATIONS, ACCOUNT_NOTICES)) {
            server.createContext(path, exchange -> answer(path, exchange));
        }
        server.start();
    }

    private void answer(String path, HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(path, exchange.getRequestHeaders().getFirst("Authorization"), body));
        if (failing) {
            byte[] problem = "{\"type\":\"urn:grantline:problem:mail-unavailable\",\"status\":503}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(503, problem.length);
            exchange.getResponseBody().write(problem);
        } else {
            exchange.sendResponseHeaders(204, -1);
        }
        exchange.close();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Received last() {
        return received.get(received.size() - 1);
    }

    /** What was sent to one path, in order. */
    public List<Received> to(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

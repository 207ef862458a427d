package org.grantline.grants;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documents service's server-to-server API over real HTTP, for the grants service's tests
 * ({@code POST /api/documents/checks} and {@code /locks}, which take only this service's own token),
 * and the gateway's client-credentials endpoint that hands out that token: the grants test
 * configuration points {@code grantline.gateway-url} here too.
 */
public final class DocumentsStub implements AutoCloseable {
    static final String SERVICE_TOKEN = "stub-service-token-" + UUID.randomUUID();
    private static final Pattern UUID_PATTERN = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Map<UUID, UUID> jurisdictionOf = new ConcurrentHashMap<>();
    /** Locked documents by submission. */
    private final Map<UUID, Set<UUID>> locks = new ConcurrentHashMap<>();
    /** Every call fails (500): the documents service is down. */
    public volatile boolean failing;
    /** Only locking fails (500), after the check succeeded. */
    public volatile boolean failingLocks;
    private final HttpServer server;

    public DocumentsStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/oauth/access_token", exchange -> send(exchange, 200,
                "{\"access_token\":\"" + SERVICE_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"));
        server.createContext("/api/documents/checks", exchange -> {
            if (refused(exchange, failing)) {
                return;
            }
            List<UUID> ids = uuids(exchange);
            UUID jurisdiction = ids.remove(0);
            List<String> results = new ArrayList<>();
            boolean allOk = true;
            for (UUID id : ids) {
                String status = !jurisdictionOf.containsKey(id) ? "MISSING" : jurisdictionOf.get(id).equals(jurisdiction) ? "OK" : "FOREIGN";
                allOk &= status.equals("OK");
                results.add("{\"documentId\":\"" + id + "\",\"status\":\"" + status + "\",\"currentVersion\":"
                        + (status.equals("OK") ? "1" : "null") + "}");
            }
            send(exchange, 200, "{\"allOk\":" + allOk + ",\"documents\":[" + String.join(",", results) + "]}");
        });
        server.createContext("/api/documents/locks", exchange -> {
            if (refused(exchange, failing || failingLocks)) {
                return;
            }
            List<UUID> ids = uuids(exchange);
            UUID submission = ids.remove(0);
            ids.remove(0);   // the jurisdiction
            locks.computeIfAbsent(submission, s -> ConcurrentHashMap.newKeySet()).addAll(ids);
            send(exchange, 200, "{\"submissionId\":\"" + submission + "\",\"locks\":[]}");
        });
        server.start();
    }

    private static boolean refused(HttpExchange exchange, boolean fail) throws IOException {
        if (!("Bearer " + SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"status\":401}");
            return true;
        }
        if (fail) {
            send(exchange, 500, "{\"status\":500}");
            return true;
        }
        return false;
    }

    /** The UUIDs of a request body in order: submissionId / jurisdictionId first (as grants sends them), then documentIds. */
    private static List<UUID> uuids(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        List<UUID> ids = new ArrayList<>();
        for (String key : List.of("submissionId", "jurisdictionId")) {
            Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"(" + UUID_PATTERN + ")\"").matcher(body);
            if (m.find()) {
                ids.add(UUID.fromString(m.group(1)));
            }
        }
        Matcher list = Pattern.compile("\"documentIds\"\\s*:\\s*\\[([^]]*)]").matcher(body);
        if (list.find()) {
            Matcher m = UUID_PATTERN.matcher(list.group(1));
            while (m.find()) {
                ids.add(UUID.fromString(m.group()));
            }
        }
        return ids;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A document that exists and belongs to the jurisdiction. */
    public UUID document(UUID jurisdiction) {
        UUID id = UUID.randomUUID();
        jurisdictionOf.put(id, jurisdiction);
        return id;
    }

    /** The documents locked for a submission. */
    public Set<UUID> lockedFor(UUID submission) {
        return Set.copyOf(locks.getOrDefault(submission, Set.of()));
    }

    /** Every document locked by any submission. */
    public Set<UUID> locked() {
        Set<UUID> all = ConcurrentHashMap.newKeySet();
        locks.values().forEach(all::addAll);
        return all;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package org.grantline.jurisdiction;

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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documents service's server-to-server check ({@code POST /api/documents/checks}, which takes
 * only a service's own token) over real HTTP, and the gateway's client-credentials endpoint that
 * hands out that token: the jurisdiction service's test configuration points
 * {@code grantline.gateway-url} here too.
 */
public final class DocumentsStub implements AutoCloseable {
    static final String SERVICE_TOKEN = "stub-jurisdiction-token-" + UUID.randomUUID();
    private static final Pattern UUID_PATTERN = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Map<UUID, UUID> jurisdictionOf = new ConcurrentHashMap<>();
    /** Every call fails (500): the documents service is down. */
    public volatile boolean failing;
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
            if (!("Bearer " + SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"status\":401}");
                return;
            }
            if (failing) {
                send(exchange, 500, "{\"status\":500}");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher j = Pattern.compile("\"jurisdictionId\"\\s*:\\s*\"(" + UUID_PATTERN + ")\"").matcher(body);
            UUID jurisdiction = j.find() ? UUID.fromString(j.group(1)) : null;
            Matcher list = Pattern.compile("\"documentIds\"\\s*:\\s*\\[([^]]*)]").matcher(body);
            List<String> results = new ArrayList<>();
            boolean allOk = true;
            if (list.find()) {
                Matcher m = UUID_PATTERN.matcher(list.group(1));
                while (m.find()) {
                    UUID id = UUID.fromString(m.group());
                    String status = !jurisdictionOf.containsKey(id) ? "MISSING"
                            : jurisdictionOf.get(id).equals(jurisdiction) ? "OK" : "FOREIGN";
                    allOk &= status.equals("OK");
                    results.add("{\"documentId\":\"" + id + "\",\"status\":\"" + status + "\",\"currentVersion\":"
                            + (status.equals("OK") ? "1" : "null") + "}");
                }
            }
            send(exchange, 200, "{\"allOk\":" + allOk + ",\"documents\":[" + String.join(",", results) + "]}");
        });
        server.start();
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

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

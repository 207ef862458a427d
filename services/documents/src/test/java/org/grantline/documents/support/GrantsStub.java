package org.grantline.documents.support;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grants service's reference check ({@code POST /api/certifications/reference-checks}, for
 * GrantLine services only) over real HTTP, and the gateway's client-credentials endpoint that hands
 * out the documents service's own token: the documents test configuration points
 * {@code grantline.gateway-url} here too.
 */
public final class GrantsStub implements AutoCloseable {
    public static final String SERVICE_TOKEN = "stub-documents-token-" + UUID.randomUUID();
    private static final Pattern UUID_PATTERN = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private record Owner(UUID jurisdiction, UUID parent) {
    }

    private final Map<UUID, Owner> awards = new ConcurrentHashMap<>();
    private final Map<UUID, Owner> requirements = new ConcurrentHashMap<>();
    private final Map<UUID, Owner> submissions = new ConcurrentHashMap<>();
    public final AtomicInteger checks = new AtomicInteger();
    /** Every check fails (500): the grants service is down. */
    public volatile boolean failing;
    private final HttpServer server;

    public GrantsStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/oauth/access_token", exchange -> send(exchange, 200,
                "{\"access_token\":\"" + SERVICE_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"));
        server.createContext("/api/certifications/reference-checks", exchange -> {
            checks.incrementAndGet();
            if (!("Bearer " + SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"status\":401}");
                return;
            }
            if (failing) {
                send(exchange, 500, "{\"status\":500}");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            UUID jurisdiction = uuid(body, "jurisdictionId");
            UUID award = uuid(body, "awardId");
            UUID requirement = uuid(body, "requirementId");
            UUID submission = uuid(body, "submissionId");
            List<String> results = new ArrayList<>();
            if (award != null) {
                results.add(result("awardId", award, status(awards.get(award), jurisdiction, null)));
            }
            if (requirement != null) {
                results.add(result("requirementId", requirement, status(requirements.get(requirement), jurisdiction, award)));
            }
            if (submission != null) {
                results.add(result("submissionId", submission, status(submissions.get(submission), jurisdiction, requirement)));
            }
            send(exchange, 200, "{\"references\":[" + String.join(",", results) + "]}");
        });
        server.start();
    }

    private static String status(Owner owner, UUID jurisdiction, UUID expectedParent) {
        if (owner == null) {
            return "MISSING";
        }
        if (!owner.jurisdiction().equals(jurisdiction)) {
            return "FOREIGN";
        }
        return expectedParent != null && !expectedParent.equals(owner.parent()) ? "MISMATCH" : "OK";
    }

    private static String result(String field, UUID id, String status) {
        return "{\"field\":\"" + field + "\",\"id\":\"" + id + "\",\"status\":\"" + status + "\"}";
    }

    private static UUID uuid(String body, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"(" + UUID_PATTERN + ")\"").matcher(body);
        return m.find() ? UUID.fromString(m.group(1)) : null;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public UUID award(UUID jurisdiction) {
        UUID id = UUID.randomUUID();
        awards.put(id, new Owner(jurisdiction, null));
        return id;
    }

    public UUID requirement(UUID jurisdiction, UUID award) {
        UUID id = UUID.randomUUID();
        requirements.put(id, new Owner(jurisdiction, award));
        return id;
    }

    public UUID submission(UUID jurisdiction, UUID requirement) {
        UUID id = UUID.randomUUID();
        submissions.put(id, new Owner(jurisdiction, requirement));
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

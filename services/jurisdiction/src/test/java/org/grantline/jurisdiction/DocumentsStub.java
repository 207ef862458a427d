package org.grantline.jurisdiction;

import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;
import org.grantline.shared.test.StubServer.Request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents service's server-to-server check ({@code POST /api/documents/checks}, which takes
 * only a service's own token) over real HTTP, and the gateway's client-credentials endpoint that
 * hands out that token: the jurisdiction service's test configuration points
 * {@code grantline.gateway-url} here too.
 */
public final class DocumentsStub implements AutoCloseable {
    static final String SERVICE_TOKEN = "stub-jurisdiction-token-" + UUID.randomUUID();

    private final Map<UUID, UUID> jurisdictionOf = new ConcurrentHashMap<>();
    /** Every call fails (500): the documents service is down. */
    public volatile boolean failing;
    private final StubServer server = StubServer.start()
            .issuing(SERVICE_TOKEN)
            .requiring(SERVICE_TOKEN)
            .on("POST", "/api/documents/checks", this::check);

    private Answer check(Request r) {
        if (failing) {
            return Answer.problem(500, null);
        }
        Map<String, Object> body = r.object();
        Object jurisdiction = body.get("jurisdictionId");
        List<Map<String, Object>> results = new ArrayList<>();
        boolean allOk = true;
        for (Object document : (List<?>) body.getOrDefault("documentIds", List.of())) {
            UUID id = UUID.fromString((String) document);
            String status = !jurisdictionOf.containsKey(id) ? "MISSING"
                    : jurisdictionOf.get(id).toString().equals(jurisdiction) ? "OK" : "FOREIGN";
            allOk &= status.equals("OK");
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("documentId", id.toString());
            result.put("status", status);
            result.put("currentVersion", status.equals("OK") ? 1 : null);
            results.add(result);
        }
        return Answer.json(Map.of("allOk", allOk, "documents", results));
    }

    /** A document that exists and belongs to the jurisdiction. */
    public UUID document(UUID jurisdiction) {
        UUID id = UUID.randomUUID();
        jurisdictionOf.put(id, jurisdiction);
        return id;
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}

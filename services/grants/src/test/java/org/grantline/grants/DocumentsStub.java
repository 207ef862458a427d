package org.grantline.grants;

import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;
import org.grantline.shared.test.StubServer.Request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents service's server-to-server API over real HTTP, for the grants service's tests
 * ({@code POST /api/documents/checks} and {@code /locks}, which take only this service's own token),
 * and the gateway's client-credentials endpoint that hands out that token: the grants test
 * configuration points {@code grantline.gateway-url} here too.
 */
public final class DocumentsStub implements AutoCloseable {
    static final String SERVICE_TOKEN = "stub-service-token-" + UUID.randomUUID();

    private final Map<UUID, UUID> jurisdictionOf = new ConcurrentHashMap<>();
    /** Locked documents by submission. */
    private final Map<UUID, Set<UUID>> locks = new ConcurrentHashMap<>();
    /** Every call fails (500): the documents service is down. */
    public volatile boolean failing;
    /** Only locking fails (500), after the check succeeded. */
    public volatile boolean failingLocks;
    private final StubServer server = StubServer.start()
            .issuing(SERVICE_TOKEN)
            .requiring(SERVICE_TOKEN)
            .on("POST", "/api/documents/checks", this::check)
            .on("POST", "/api/documents/locks", this::lock);

    private Answer check(Request r) {
        if (failing) {
            return Answer.problem(500, null);
        }
        Map<String, Object> body = r.object();
        UUID jurisdiction = UUID.fromString((String) body.get("jurisdictionId"));
        List<Map<String, Object>> results = new ArrayList<>();
        boolean allOk = true;
        for (UUID id : documentIds(body)) {
            String status = !jurisdictionOf.containsKey(id) ? "MISSING" : jurisdictionOf.get(id).equals(jurisdiction) ? "OK" : "FOREIGN";
            allOk &= status.equals("OK");
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("documentId", id.toString());
            result.put("status", status);
            result.put("currentVersion", status.equals("OK") ? 1 : null);
            results.add(result);
        }
        return Answer.json(Map.of("allOk", allOk, "documents", results));
    }

    private Answer lock(Request r) {
        if (failing || failingLocks) {
            return Answer.problem(500, null);
        }
        Map<String, Object> body = r.object();
        UUID submission = UUID.fromString((String) body.get("submissionId"));
        locks.computeIfAbsent(submission, s -> ConcurrentHashMap.newKeySet()).addAll(documentIds(body));
        return Answer.json(Map.of("submissionId", submission.toString(), "locks", List.of()));
    }

    private static List<UUID> documentIds(Map<String, Object> body) {
        return ((List<?>) body.getOrDefault("documentIds", List.of())).stream().map(id -> UUID.fromString((String) id)).toList();
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
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}

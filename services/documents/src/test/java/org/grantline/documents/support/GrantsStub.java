package org.grantline.documents.support;

import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;
import org.grantline.shared.test.StubServer.Request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The grants service's reference check ({@code POST /api/certifications/reference-checks}, for
 * GrantLine services only) over real HTTP, and the gateway's client-credentials endpoint that hands
 * out the documents service's own token: the documents test configuration points
 * {@code grantline.gateway-url} here too.
 */
public final class GrantsStub implements AutoCloseable {
    public static final String SERVICE_TOKEN = "stub-documents-token-" + UUID.randomUUID();

    private record Owner(UUID jurisdiction, UUID parent) {
    }

    private final Map<UUID, Owner> awards = new ConcurrentHashMap<>();
    private final Map<UUID, Owner> requirements = new ConcurrentHashMap<>();
    private final Map<UUID, Owner> submissions = new ConcurrentHashMap<>();
    /** Reference checks asked for, refused ones included. */
    public final AtomicInteger checks = new AtomicInteger();
    /** Every check fails (500): the grants service is down. */
    public volatile boolean failing;
    private final StubServer server = StubServer.start()
            .issuing(SERVICE_TOKEN)
            .on("POST", "/api/certifications/reference-checks", this::check);

    private Answer check(Request r) {
        checks.incrementAndGet();
        if (!("Bearer " + SERVICE_TOKEN).equals(r.header("Authorization"))) {
            return Answer.problem(401, null);
        }
        if (failing) {
            return Answer.problem(500, null);
        }
        Map<String, Object> body = r.object();
        UUID jurisdiction = uuid(body, "jurisdictionId");
        UUID award = uuid(body, "awardId");
        UUID requirement = uuid(body, "requirementId");
        UUID submission = uuid(body, "submissionId");
        List<Map<String, String>> results = new ArrayList<>();
        if (award != null) {
            results.add(result("awardId", award, status(awards.get(award), jurisdiction, null)));
        }
        if (requirement != null) {
            results.add(result("requirementId", requirement, status(requirements.get(requirement), jurisdiction, award)));
        }
        if (submission != null) {
            results.add(result("submissionId", submission, status(submissions.get(submission), jurisdiction, requirement)));
        }
        return Answer.json(Map.of("references", results));
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

    private static Map<String, String> result(String field, UUID id, String status) {
        return Map.of("field", field, "id", id.toString(), "status", status);
    }

    private static UUID uuid(Map<String, Object> body, String key) {
        return body.get(key) instanceof String s ? UUID.fromString(s) : null;
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
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}

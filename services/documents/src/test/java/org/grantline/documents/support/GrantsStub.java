package org.grantline.documents.support;

import io.micronaut.serde.ObjectMapper;
import org.grantline.grants.api.GrantsReferenceOperations;
import org.grantline.grants.api.ReferenceMessages.ReferenceAnswer;
import org.grantline.grants.api.ReferenceMessages.ReferenceCheck;
import org.grantline.grants.api.ReferenceMessages.ReferenceResult;
import org.grantline.grants.api.ReferenceMessages.Status;
import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;
import org.grantline.shared.test.StubServer.Request;

import java.io.IOException;
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
 * {@code grantline.gateway-url} here too. The check implements grants-api's {@link GrantsReferenceOperations}.
 */
public final class GrantsStub implements GrantsReferenceOperations, AutoCloseable {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();
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
            .on("POST", GrantsReferenceOperations.PATH, this::check);

    private Answer check(Request r) {
        checks.incrementAndGet();
        if (!("Bearer " + SERVICE_TOKEN).equals(r.header("Authorization"))) {
            return Answer.problem(401, null);
        }
        if (failing) {
            return Answer.problem(500, null);
        }
        try {
            return Answer.json(check(JSON.readValue(r.body(), ReferenceCheck.class)));
        } catch (IOException e) {
            return Answer.problem(400, e.getMessage());
        }
    }

    @Override
    public ReferenceAnswer check(ReferenceCheck check) {
        List<ReferenceResult> results = new ArrayList<>();
        if (check.awardId() != null) {
            results.add(new ReferenceResult("awardId", check.awardId(), status(awards.get(check.awardId()), check.jurisdictionId(), null)));
        }
        if (check.requirementId() != null) {
            results.add(new ReferenceResult("requirementId", check.requirementId(),
                    status(requirements.get(check.requirementId()), check.jurisdictionId(), check.awardId())));
        }
        if (check.submissionId() != null) {
            results.add(new ReferenceResult("submissionId", check.submissionId(),
                    status(submissions.get(check.submissionId()), check.jurisdictionId(), check.requirementId())));
        }
        return new ReferenceAnswer(results);
    }

    private static Status status(Owner owner, UUID jurisdiction, UUID expectedParent) {
        if (owner == null) {
            return Status.MISSING;
        }
        if (!owner.jurisdiction().equals(jurisdiction)) {
            return Status.FOREIGN;
        }
        return expectedParent != null && !expectedParent.equals(owner.parent()) ? Status.MISMATCH : Status.OK;
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

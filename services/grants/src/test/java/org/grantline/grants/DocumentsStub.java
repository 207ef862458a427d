package org.grantline.grants;

import io.micronaut.serde.ObjectMapper;
import org.grantline.documents.api.CheckStatus;
import org.grantline.documents.api.DocumentLinkOperations;
import org.grantline.documents.api.LinkMessages.CheckAnswer;
import org.grantline.documents.api.LinkMessages.CheckCommand;
import org.grantline.documents.api.LinkMessages.CheckResult;
import org.grantline.documents.api.LinkMessages.LockAnswer;
import org.grantline.documents.api.LinkMessages.LockCommand;
import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;
import org.grantline.shared.test.StubServer.Request;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents service's server-to-server API over real HTTP, for the grants service's tests
 * ({@code POST /api/documents/checks} and {@code /locks}, which take only this service's own token),
 * and the gateway's client-credentials endpoint that hands out that token: the grants test
 * configuration points {@code grantline.gateway-url} here too. It implements documents-api's
 * contract, so what it takes and answers are that API's records.
 */
public final class DocumentsStub implements DocumentLinkOperations, AutoCloseable {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    public static final String SERVICE_TOKEN = "stub-service-token-" + UUID.randomUUID();

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
        return failing ? Answer.problem(500, null) : Answer.json(check(read(r, CheckCommand.class)));
    }

    private Answer lock(Request r) {
        return failing || failingLocks ? Answer.problem(500, null) : Answer.json(lock(read(r, LockCommand.class)));
    }

    @Override
    public CheckAnswer check(CheckCommand command) {
        List<CheckResult> results = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(command.documentIds())) {
            CheckStatus status = !jurisdictionOf.containsKey(id) ? CheckStatus.MISSING
                    : jurisdictionOf.get(id).equals(command.jurisdictionId()) ? CheckStatus.OK : CheckStatus.FOREIGN;
            results.add(new CheckResult(id, status, status == CheckStatus.OK ? 1 : null));
        }
        return new CheckAnswer(results.stream().allMatch(result -> result.status() == CheckStatus.OK), results);
    }

    @Override
    public LockAnswer lock(LockCommand command) {
        locks.computeIfAbsent(command.submissionId(), s -> ConcurrentHashMap.newKeySet()).addAll(command.documentIds());
        return new LockAnswer(command.submissionId(), List.of());
    }

    private static <T> T read(Request r, Class<T> type) {
        try {
            return JSON.readValue(r.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /** Every request received, the token endpoint's too. */
    public java.util.List<Request> received() {
        return server.received;
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}

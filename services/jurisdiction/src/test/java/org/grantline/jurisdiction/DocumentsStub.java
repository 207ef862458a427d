package org.grantline.jurisdiction;

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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents service's server-to-server check ({@code POST /api/documents/checks}, which takes
 * only a service's own token) over real HTTP, and the gateway's client-credentials endpoint that
 * hands out that token: the jurisdiction service's test configuration points
 * {@code grantline.gateway-url} here too. It implements documents-api's contract, so what it takes
 * and answers are that API's records.
 */
public final class DocumentsStub implements DocumentLinkOperations, AutoCloseable {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    static final String SERVICE_TOKEN = "stub-jurisdiction-token-" + UUID.randomUUID();

    private final Map<UUID, UUID> jurisdictionOf = new ConcurrentHashMap<>();
    /** Every call fails (500): the documents service is down. */
    public volatile boolean failing;
    private final StubServer server = StubServer.start()
            .issuing(SERVICE_TOKEN)
            .requiring(SERVICE_TOKEN)
            .on("POST", "/api/documents/checks", this::check);

    private Answer check(Request r) {
        return failing ? Answer.problem(500, null) : Answer.json(check(read(r, CheckCommand.class)));
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

    /** The jurisdiction service never locks documents. */
    @Override
    public LockAnswer lock(LockCommand command) {
        throw new UnsupportedOperationException("the jurisdiction service does not lock documents");
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

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}

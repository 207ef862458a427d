package org.grantline.grants.document;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.grantline.documents.api.CheckStatus;
import org.grantline.documents.api.LinkMessages.CheckAnswer;
import org.grantline.documents.api.LinkMessages.CheckCommand;
import org.grantline.documents.api.LinkMessages.CheckResult;
import org.grantline.documents.api.LinkMessages.LockCommand;
import org.grantline.shared.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What grants asks of the documents service ({@link DocumentsClient}): are these documents there and
 * the jurisdiction's, and lock them for a submission. Fails safe: anything it cannot confirm is
 * refused — unknown or another jurisdiction's is a 400, an unreachable or failing documents service
 * (or no token for it) a 503. Blocking: call it off the event loop.
 */
@Singleton
public class DocumentLinks {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentLinks.class);
    /** No jurisdiction's id: asked about it, the documents service calls a document it holds FOREIGN. */
    private static final UUID NO_JURISDICTION = new UUID(0, 0);

    private final DocumentsClient documents;

    public DocumentLinks(DocumentsClient documents) {
        this.documents = documents;
    }

    /** Every document exists (with its bytes) and belongs to the jurisdiction; else 400 naming it. */
    public void requireAll(List<UUID> ids, UUID jurisdictionId) {
        CheckAnswer answer = call("checks", () -> documents.check(new CheckCommand(jurisdictionId, ids)));
        for (CheckResult result : answer.documents()) {
            switch (result.status()) {
                case OK -> {
                }
                case FOREIGN -> throw Problems.invalid("documentIds",
                        "document " + result.documentId() + " does not belong to the jurisdiction");
                case CORRUPT -> throw Problems.invalid("documentIds",
                        "document " + result.documentId() + " failed its integrity check; upload it again");
                case MISSING -> throw Problems.invalid("documentIds",
                        "document " + result.documentId() + " does not exist in your jurisdiction");
            }
        }
        if (!answer.allOk() || answer.documents().size() < ids.stream().distinct().count()) {
            throw unavailable();
        }
    }

    /**
     * Every document exists with its bytes, whoever filed it (a letter's attachments are DOJ's choice);
     * else 400 naming it, 503 when it cannot be told.
     */
    public void requireExisting(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        CheckAnswer answer = call("checks", () -> documents.check(new CheckCommand(NO_JURISDICTION, ids)));
        for (CheckResult result : answer.documents()) {
            if (result.status() == CheckStatus.MISSING || result.status() == CheckStatus.CORRUPT) {
                throw Problems.invalid("documentIds", "document " + result.documentId()
                        + (result.status() == CheckStatus.CORRUPT ? " failed its integrity check" : " does not exist"));
            }
        }
        if (answer.documents().size() < ids.stream().distinct().count()) {
            throw unavailable();
        }
    }

    /** Locks the documents' current versions for the submission (idempotent). */
    public void lockAll(UUID submissionId, UUID jurisdictionId, List<UUID> ids) {
        call("locks", () -> documents.lock(new LockCommand(submissionId, jurisdictionId, ids)));
    }

    private <T> T call(String what, Supplier<T> call) {
        try {
            T answer = call.get();
            if (answer == null) {
                throw new IllegalStateException("empty answer");
            }
            return answer;
        } catch (HttpClientResponseException e) {
            if (e.getStatus() == HttpStatus.BAD_REQUEST) {
                throw Problems.invalid("documentIds", "the documents service refused them: "
                        + e.getResponse().getBody(Map.class).map(m -> String.valueOf(m.get("detail"))).orElse("invalid"));
            }
            LOG.warn("Documents service answered {} to {}", e.getStatus().getCode(), what);
            throw unavailable();
        } catch (HttpClientException | IllegalStateException | UncheckedIOException e) {
            LOG.warn("Documents service not reachable for {}: {}", what, e.getMessage());
            throw unavailable();
        }
    }

    private static RuntimeException unavailable() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service Unavailable",
                "The documents service could not confirm the documents; nothing was submitted. Try again shortly.");
    }
}

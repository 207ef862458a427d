package org.grantline.jurisdiction.document;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.grantline.documents.api.LinkMessages.CheckAnswer;
import org.grantline.documents.api.LinkMessages.CheckCommand;
import org.grantline.documents.api.LinkMessages.CheckResult;
import org.grantline.shared.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Asks the documents service ({@link DocumentsClient}) whether documents exist and are the
 * jurisdiction's own. Fails safe: unknown, deleted, another jurisdiction's or corrupt is a 400 naming
 * {@code documentIds}; a documents service that cannot answer (or no token for it) is a 503, so
 * nothing is recorded on a guess. Blocking: call it off the event loop, and outside any transaction.
 */
@Singleton
public class DocumentLinks {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentLinks.class);

    private final DocumentsClient documents;

    public DocumentLinks(DocumentsClient documents) {
        this.documents = documents;
    }

    /** Every document exists, with its bytes, and belongs to the jurisdiction; else 400 naming each that does not. */
    public void requireOwn(UUID jurisdictionId, List<UUID> ids) {
        CheckAnswer answer;
        try {
            answer = documents.check(new CheckCommand(jurisdictionId, ids));
        } catch (HttpClientResponseException e) {
            LOG.warn("Documents service answered {} to a document check", e.getStatus().getCode());
            throw unavailable();
        } catch (HttpClientException | IllegalStateException | UncheckedIOException e) {
            LOG.warn("Documents service not reachable for a document check: {}", e.getMessage());
            throw unavailable();
        }
        if (answer == null) {
            throw unavailable();
        }
        List<String> refused = new ArrayList<>();
        for (CheckResult result : answer.documents()) {
            switch (result.status()) {
                case OK -> {
                }
                case FOREIGN -> refused.add("document " + result.documentId() + " belongs to another jurisdiction");
                case CORRUPT -> refused.add("document " + result.documentId() + " failed its integrity check");
                case MISSING -> refused.add("there is no document " + result.documentId() + " of this jurisdiction");
            }
        }
        if (!refused.isEmpty()) {
            throw Problems.invalid("documentIds", String.join("; ", refused));
        }
        if (!answer.allOk() || answer.documents().size() < ids.stream().distinct().count()) {
            throw unavailable();
        }
    }

    private static RuntimeException unavailable() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service Unavailable",
                "The documents service could not confirm the documents; nothing was recorded. Try again shortly.");
    }
}

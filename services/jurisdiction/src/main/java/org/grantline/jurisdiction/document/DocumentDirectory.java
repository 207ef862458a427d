package org.grantline.jurisdiction.document;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.ServiceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Asks the documents service (its server-to-server check, as this service itself: client
 * credentials, role SERVICE) whether documents exist and are the jurisdiction's own. Fails safe:
 * unknown, deleted, another jurisdiction's or corrupt is a 400 naming {@code documentIds}; a
 * documents service that cannot answer (or no token for it) is a 503, so nothing is recorded on a guess.
 * Blocking: call it off the event loop, and outside any transaction.
 */
@Singleton
public class DocumentDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentDirectory.class);

    private final HttpClient documents;
    private final BeanProvider<ServiceTokens> tokens;

    public DocumentDirectory(@Client(id = "documents") HttpClient documents, BeanProvider<ServiceTokens> tokens) {
        this.documents = documents;
        this.tokens = tokens;
    }

    @Serdeable
    record CheckResult(UUID documentId, String status, @Nullable Integer currentVersion) {
    }

    @Serdeable
    record CheckAnswer(boolean allOk, List<CheckResult> documents) {
    }

    /** Every document exists, with its bytes, and belongs to the jurisdiction; else 400 naming each that does not. */
    public void requireOwn(UUID jurisdictionId, List<UUID> ids) {
        CheckAnswer answer;
        try {
            String token = tokens.find(null).orElseThrow(() -> new IllegalStateException(
                    "no client secret configured (GRANTLINE_CLIENT_SECRET)")).token();
            answer = documents.toBlocking().retrieve(HttpRequest.POST("/api/documents/checks",
                            Map.of("jurisdictionId", jurisdictionId, "documentIds", ids))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token), CheckAnswer.class);
        } catch (HttpClientResponseException e) {
            LOG.warn("Documents service answered {} to a document check", e.getStatus().getCode());
            throw unavailable();
        } catch (HttpClientException | IllegalStateException e) {
            LOG.warn("Documents service not reachable for a document check: {}", e.getMessage());
            throw unavailable();
        }
        List<String> refused = new ArrayList<>();
        for (CheckResult result : answer.documents()) {
            switch (result.status()) {
                case "OK" -> {
                }
                case "FOREIGN" -> refused.add("document " + result.documentId() + " belongs to another jurisdiction");
                case "CORRUPT" -> refused.add("document " + result.documentId() + " failed its integrity check");
                default -> refused.add("there is no document " + result.documentId() + " of this jurisdiction");
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

package org.grantline.grants.document;

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

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The documents service's server-to-server API, called as this service itself (client
 * credentials, role SERVICE): are these documents there and the jurisdiction's, and lock them for a
 * submission. Fails safe: anything it cannot confirm is refused — unknown or another jurisdiction's
 * is a 400, an unreachable or failing documents service (or no token for it) a 503.
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

    /** Every document exists (with its bytes) and belongs to the jurisdiction; else 400 naming it. */
    public void requireAll(List<UUID> ids, UUID jurisdictionId, String authorization) {
        CheckAnswer answer = call("/api/documents/checks", Map.of("jurisdictionId", jurisdictionId, "documentIds", ids),
                CheckAnswer.class);
        for (CheckResult result : answer.documents()) {
            switch (result.status()) {
                case "OK" -> {
                }
                case "FOREIGN" -> throw Problems.invalid("documentIds",
                        "document " + result.documentId() + " does not belong to the jurisdiction");
                case "CORRUPT" -> throw Problems.invalid("documentIds",
                        "document " + result.documentId() + " failed its integrity check; upload it again");
                default -> throw Problems.invalid("documentIds",
                        "document " + result.documentId() + " does not exist in your jurisdiction");
            }
        }
        if (!answer.allOk() || answer.documents().size() < ids.stream().distinct().count()) {
            throw unavailable();
        }
    }

    /** No jurisdiction's id: asked about it, the documents service calls a document it holds FOREIGN. */
    private static final UUID NO_JURISDICTION = new UUID(0, 0);

    /**
     * Every document exists with its bytes, whoever filed it (a letter's attachments are DOJ's choice);
     * else 400 naming it, 503 when it cannot be told.
     */
    public void requireExisting(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        CheckAnswer answer = call("/api/documents/checks", Map.of("jurisdictionId", NO_JURISDICTION, "documentIds", ids),
                CheckAnswer.class);
        for (CheckResult result : answer.documents()) {
            if (!result.status().equals("OK") && !result.status().equals("FOREIGN")) {
                throw Problems.invalid("documentIds", "document " + result.documentId()
                        + (result.status().equals("CORRUPT") ? " failed its integrity check" : " does not exist"));
            }
        }
        if (answer.documents().size() < ids.stream().distinct().count()) {
            throw unavailable();
        }
    }

    /** Locks the documents' current versions for the submission (idempotent). */
    public void lockAll(UUID submissionId, UUID jurisdictionId, List<UUID> ids) {
        call("/api/documents/locks", Map.of("submissionId", submissionId, "jurisdictionId", jurisdictionId, "documentIds", ids),
                Map.class);
    }

    private <T> T call(String path, Map<String, Object> body, Class<T> type) {
        try {
            String token = tokens.find(null).orElseThrow(() -> new IllegalStateException(
                    "no client secret configured (GRANTLINE_CLIENT_SECRET)")).token();
            return documents.toBlocking().retrieve(HttpRequest.POST(path, body)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token), type);
        } catch (HttpClientResponseException e) {
            if (e.getStatus() == HttpStatus.BAD_REQUEST) {
                throw Problems.invalid("documentIds", "the documents service refused them: "
                        + e.getResponse().getBody(Map.class).map(m -> String.valueOf(m.get("detail"))).orElse("invalid"));
            }
            LOG.warn("Documents service answered {} to {}", e.getStatus().getCode(), path);
            throw unavailable();
        } catch (HttpClientException | IllegalStateException e) {
            LOG.warn("Documents service not reachable for {}: {}", path, e.getMessage());
            throw unavailable();
        }
    }

    private static RuntimeException unavailable() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service Unavailable",
                "The documents service could not confirm the documents; nothing was submitted. Try again shortly.");
    }
}

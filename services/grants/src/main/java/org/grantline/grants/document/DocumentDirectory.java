package org.grantline.grants.document;

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

import java.util.List;
import java.util.UUID;

/**
 * Asks the documents service, with the submitter's own token, whether each document exists and
 * belongs to the jurisdiction. Fails safe: anything it cannot confirm is refused — unknown or
 * another jurisdiction's is a 400, an unreachable or failing documents service a 503.
 */
@Singleton
public class DocumentDirectory {

    private final HttpClient documents;

    public DocumentDirectory(@Client(id = "documents") HttpClient documents) {
        this.documents = documents;
    }

    @Serdeable
    record DocumentRef(UUID id, @Nullable UUID jurisdictionId) {
    }

    public void requireAll(List<UUID> ids, UUID jurisdictionId, String authorization) {
        for (UUID id : ids) {
            DocumentRef document;
            try {
                document = documents.toBlocking().retrieve(HttpRequest.GET("/api/documents/" + id)
                        .header(HttpHeaders.AUTHORIZATION, authorization), DocumentRef.class);
            } catch (HttpClientResponseException e) {
                if (e.getStatus() == HttpStatus.NOT_FOUND) {
                    throw Problems.invalid("documentIds", "document " + id + " does not exist in your jurisdiction");
                }
                throw unavailable();
            } catch (HttpClientException e) {
                throw unavailable();
            }
            if (!jurisdictionId.equals(document.jurisdictionId())) {
                throw Problems.invalid("documentIds", "document " + id + " does not belong to the jurisdiction");
            }
        }
    }

    private static RuntimeException unavailable() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service Unavailable",
                "The documents service could not confirm the documents; nothing was submitted. Try again shortly.");
    }
}

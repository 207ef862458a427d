package org.grantline.grants.jurisdiction;

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
import java.util.Optional;
import java.util.UUID;

/**
 * Asks the jurisdiction service (over HTTP, found like any other instance) whether a jurisdiction
 * exists, with the caller's own token. Unknown: a 400 naming the field. Unreachable or failing: a
 * 503, so that nothing is written on a guess.
 */
@Singleton
public class JurisdictionDirectory {

    private final HttpClient jurisdictions;

    public JurisdictionDirectory(@Client(id = "jurisdiction") HttpClient jurisdictions) {
        this.jurisdictions = jurisdictions;
    }

    @Serdeable
    public record JurisdictionRef(UUID id, String name, String state, String timeZone) {
    }

    public JurisdictionRef require(UUID id, String authorization, String field) {
        try {
            return jurisdictions.toBlocking().retrieve(HttpRequest.GET("/api/jurisdictions/" + id)
                    .header(HttpHeaders.AUTHORIZATION, authorization), JurisdictionRef.class);
        } catch (HttpClientResponseException e) {
            if (e.getStatus() == HttpStatus.NOT_FOUND) {
                throw Problems.invalid(field, "no jurisdiction " + id);
            }
            throw unavailable();
        } catch (HttpClientException e) {
            throw unavailable();
        }
    }

    @Serdeable
    record Page(List<JurisdictionRef> items) {
    }

    /** The state itself (type STATE) by its two-letter code, if the registry has it. */
    public Optional<UUID> findState(String state, String authorization) {
        try {
            Page page = jurisdictions.toBlocking().retrieve(HttpRequest.GET("/api/jurisdictions?type=STATE&state=" + state)
                    .header(HttpHeaders.AUTHORIZATION, authorization), Page.class);
            return page.items().stream().map(JurisdictionRef::id).findFirst();
        } catch (HttpClientException e) {
            throw unavailable();
        }
    }

    private static RuntimeException unavailable() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service Unavailable",
                "The jurisdiction service could not confirm the jurisdiction; nothing was changed. Try again shortly.");
    }
}

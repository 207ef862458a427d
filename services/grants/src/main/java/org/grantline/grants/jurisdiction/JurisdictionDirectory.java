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
 * exists, or which of many do, with the caller's own token (the registry is readable by every role). Unknown: a 400 naming the field. Unreachable or failing: a
 * 503, so that nothing is written on a guess.
 */
@Singleton
public class JurisdictionDirectory {

    private final HttpClient jurisdictions;

    public JurisdictionDirectory(@Client(id = "jurisdiction") HttpClient jurisdictions) {
        this.jurisdictions = jurisdictions;
    }

    @Serdeable
    public record JurisdictionRef(UUID id, String name, String state, String timeZone,
                                  @io.micronaut.core.annotation.Nullable String fips,
                                  @io.micronaut.core.annotation.Nullable UUID parentId) {
        public JurisdictionRef(UUID id, String name, String state, String timeZone) {
            this(id, name, state, timeZone, null, null);
        }
    }

    /**
     * The county a jurisdiction lies in, for the compliance map: its own FIPS when it is a county, its
     * parent's when it is a place inside one (asking the registry for the parent), else none.
     */
    public Optional<String> countyOf(JurisdictionRef ref, String authorization) {
        if (ref.fips() == null) {
            return Optional.empty();
        }
        if (ref.fips().length() == 5) {
            return Optional.of(ref.fips());
        }
        if (ref.fips().length() > 5 && ref.parentId() != null) {
            String parent = require(ref.parentId(), authorization, "jurisdictionId").fips();
            return parent != null && parent.length() == 5 ? Optional.of(parent) : Optional.empty();
        }
        return Optional.empty();
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
    record Known(List<UUID> ids) {
    }

    @Serdeable
    record KnownAnswer(List<UUID> known, List<UUID> unknown) {
    }

    /** Every id is a jurisdiction; else a 400 naming the field and the unknown ids (503 when it cannot be told). */
    public void requireAll(List<UUID> ids, String authorization, String field) {
        if (ids.isEmpty()) {
            return;
        }
        KnownAnswer answer;
        try {
            answer = jurisdictions.toBlocking().retrieve(HttpRequest.POST("/api/jurisdictions/known", new Known(ids))
                    .header(HttpHeaders.AUTHORIZATION, authorization), KnownAnswer.class);
        } catch (HttpClientException e) {
            throw unavailable();
        }
        if (!answer.unknown().isEmpty()) {
            throw Problems.invalid(field, "no jurisdiction " + answer.unknown().stream().map(UUID::toString)
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        if (!new java.util.HashSet<>(answer.known()).containsAll(ids)) {
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

package org.grantline.grants.jurisdiction;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.grantline.jurisdiction.api.JurisdictionPage;
import org.grantline.jurisdiction.api.JurisdictionSearch;
import org.grantline.jurisdiction.api.JurisdictionType;
import org.grantline.jurisdiction.api.JurisdictionView;
import org.grantline.jurisdiction.api.KnownAnswer;
import org.grantline.jurisdiction.api.KnownQuery;
import org.grantline.shared.problem.Problems;

import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What grants asks of the jurisdiction registry ({@link JurisdictionClient}): whether a jurisdiction
 * exists, or which of many do. Unknown: a 400 naming the field. Unreachable or failing: a 503, so
 * that nothing is written on a guess. Blocking: call it off the event loop.
 */
@Singleton
public class Jurisdictions {
    private final JurisdictionClient registry;

    public Jurisdictions(JurisdictionClient registry) {
        this.registry = registry;
    }

    /**
     * The county a jurisdiction lies in, for the compliance map: its own FIPS when it is a county, its
     * parent's when it is a place inside one (asking the registry for the parent), else none.
     */
    public Optional<String> countyOf(JurisdictionView jurisdiction) {
        String fips = jurisdiction.fips();
        if (fips == null) {
            return Optional.empty();
        }
        if (fips.length() == 5) {
            return Optional.of(fips);
        }
        if (fips.length() > 5 && jurisdiction.parentId() != null) {
            String parent = require(jurisdiction.parentId(), "jurisdictionId").fips();
            return parent != null && parent.length() == 5 ? Optional.of(parent) : Optional.empty();
        }
        return Optional.empty();
    }

    public JurisdictionView require(UUID id, String field) {
        try {
            // The declarative client answers a 404 with null.
            JurisdictionView found = registry.get(id);
            if (found == null) {
                throw Problems.invalid(field, "no jurisdiction " + id);
            }
            return found;
        } catch (HttpClientResponseException e) {
            if (e.getStatus() == HttpStatus.NOT_FOUND) {
                throw Problems.invalid(field, "no jurisdiction " + id);
            }
            throw unavailable();
        } catch (HttpClientException | UncheckedIOException e) {
            throw unavailable();
        }
    }

    /** Every id is a jurisdiction; else a 400 naming the field and the unknown ids (503 when it cannot be told). */
    public void requireAll(List<UUID> ids, String field) {
        if (ids.isEmpty()) {
            return;
        }
        KnownAnswer answer = call(() -> registry.known(new KnownQuery(ids)));
        if (!answer.unknown().isEmpty()) {
            throw Problems.invalid(field, "no jurisdiction " + answer.unknown().stream().map(UUID::toString)
                    .collect(Collectors.joining(", ")));
        }
        if (!new HashSet<>(answer.known()).containsAll(ids)) {
            throw unavailable();
        }
    }

    /** The state itself (type STATE) by its two-letter code, if the registry has it. */
    public Optional<UUID> findState(String state) {
        JurisdictionPage page = search(new JurisdictionSearch(state, JurisdictionType.STATE, null, null, null, null, null,
                null, null, null, null, null, null));
        return page.items().stream().map(JurisdictionView::id).findFirst();
    }

    /** One page of a registry search (503 when the registry cannot answer). */
    public JurisdictionPage search(JurisdictionSearch search) {
        return call(() -> registry.list(search));
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return answered(call.get());
        } catch (HttpClientException | UncheckedIOException e) {
            throw unavailable();
        }
    }

    private static <T> T answered(T answer) {
        if (answer == null) {
            throw unavailable();
        }
        return answer;
    }

    private static RuntimeException unavailable() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service Unavailable",
                "The jurisdiction service could not confirm the jurisdiction; nothing was changed. Try again shortly.");
    }
}

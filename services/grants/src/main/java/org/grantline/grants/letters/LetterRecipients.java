package org.grantline.grants.letters;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.grantline.grants.jurisdiction.JurisdictionDirectory;
import org.grantline.grants.letters.LetterMessages.Recipient;
import org.grantline.grants.letters.LetterMessages.RecipientFilter;
import org.grantline.shared.problem.Problems;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Chooses a letter's recipients with the registry's own search (state, type and the cooperation
 * policy in force today), asked over HTTP with the caller's token as every other registry question
 * is; a named list is confirmed with the registry too. Unreachable: 503, nothing sent.
 */
@Singleton
public class LetterRecipients {
    static final int MAX_RECIPIENTS = 5000;
    private static final int PAGE = 100;

    private final HttpClient registry;
    private final JurisdictionDirectory directory;

    public LetterRecipients(@Client(id = "jurisdiction") HttpClient registry, JurisdictionDirectory directory) {
        this.registry = registry;
        this.directory = directory;
    }

    @Serdeable
    record Row(UUID id, String name, @Nullable String state, String timeZone) {
    }

    @Serdeable
    record Page(List<Row> items, long total) {
    }

    public List<Recipient> find(RecipientFilter filter, String authorization) {
        List<UUID> named = filter.jurisdictionIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(filter.jurisdictionIds()));
        if (!filter.registryFilters() && named.isEmpty()) {
            throw Problems.invalid("recipients", "choose the recipients: a state, a type, a policy in force or a list of jurisdictions");
        }
        List<Recipient> found = new ArrayList<>();
        if (filter.registryFilters()) {
            Set<UUID> only = named.isEmpty() ? null : new HashSet<>(named);
            for (int page = 0; ; page++) {
                Page answer = search(filter, page, authorization);
                for (Row row : answer.items()) {
                    if (only == null || only.contains(row.id())) {
                        found.add(new Recipient(row.id(), row.name(), row.state(), row.timeZone()));
                    }
                }
                if (answer.total() > MAX_RECIPIENTS) {
                    throw Problems.invalid("recipients", "the filter matches " + answer.total()
                            + " jurisdictions; a letter goes to at most " + MAX_RECIPIENTS);
                }
                if ((long) (page + 1) * PAGE >= answer.total() || answer.items().isEmpty()) {
                    break;
                }
            }
        } else {
            directory.requireAll(named, authorization, "recipients.jurisdictionIds");
            for (UUID id : named) {
                JurisdictionDirectory.JurisdictionRef ref = directory.require(id, authorization, "recipients.jurisdictionIds");
                found.add(new Recipient(ref.id(), ref.name(), ref.state(), ref.timeZone()));
            }
        }
        found.sort(Comparator.comparing(Recipient::name).thenComparing(r -> String.valueOf(r.state())));
        return found;
    }

    private Page search(RecipientFilter f, int page, String authorization) {
        UriBuilder uri = UriBuilder.of("/api/jurisdictions").queryParam("page", page).queryParam("size", PAGE)
                .queryParam("sort", "name");
        if (f.state() != null) uri.queryParam("state", f.state());
        if (f.type() != null) uri.queryParam("type", f.type().name());
        if (f.sanctuary() != null) uri.queryParam("sanctuary", f.sanctuary());
        if (f.detainerPolicy() != null) uri.queryParam("detainerPolicy", f.detainerPolicy().name());
        if (f.facilityAccess() != null) uri.queryParam("facilityAccess", f.facilityAccess().name());
        if (f.releaseNotice() != null) uri.queryParam("releaseNotice", f.releaseNotice());
        if (f.section1373() != null) uri.queryParam("section1373", f.section1373().name());
        try {
            return registry.toBlocking().retrieve(HttpRequest.GET(uri.build()).header(HttpHeaders.AUTHORIZATION, authorization), Page.class);
        } catch (HttpClientException e) {
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service Unavailable",
                    "The jurisdiction service could not list the recipients; nothing was sent. Try again shortly.");
        }
    }
}

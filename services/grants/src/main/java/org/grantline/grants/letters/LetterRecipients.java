package org.grantline.grants.letters;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.grantline.grants.jurisdiction.Jurisdictions;
import org.grantline.jurisdiction.api.JurisdictionPage;
import org.grantline.jurisdiction.api.JurisdictionSearch;
import org.grantline.jurisdiction.api.JurisdictionView;
import org.grantline.grants.letters.LetterMessages.Recipient;
import org.grantline.grants.letters.LetterMessages.RecipientFilter;
import org.grantline.shared.problem.ProblemException;
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
 * policy in force today), asked with the caller's token (propagated) as every other registry question
 * is; a named list is confirmed with the registry too. Unreachable: 503, nothing sent.
 */
@Singleton
public class LetterRecipients {
    static final int MAX_RECIPIENTS = 5000;
    private static final int PAGE = 100;

    private final Jurisdictions registry;

    public LetterRecipients(Jurisdictions registry) {
        this.registry = registry;
    }

    public List<Recipient> find(RecipientFilter filter) {
        List<UUID> named = filter.jurisdictionIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(filter.jurisdictionIds()));
        if (!filter.registryFilters() && named.isEmpty()) {
            throw Problems.invalid("recipients", "choose the recipients: a state, a type, a policy in force or a list of jurisdictions");
        }
        List<Recipient> found = new ArrayList<>();
        if (filter.registryFilters()) {
            Set<UUID> only = named.isEmpty() ? null : new HashSet<>(named);
            for (int page = 0; ; page++) {
                JurisdictionPage answer = search(filter, page);
                for (JurisdictionView row : answer.items()) {
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
            registry.requireAll(named, "recipients.jurisdictionIds");
            for (UUID id : named) {
                JurisdictionView ref = registry.require(id, "recipients.jurisdictionIds");
                found.add(new Recipient(ref.id(), ref.name(), ref.state(), ref.timeZone()));
            }
        }
        found.sort(Comparator.comparing(Recipient::name).thenComparing(r -> String.valueOf(r.state())));
        return found;
    }

    private JurisdictionPage search(RecipientFilter f, int page) {
        try {
            return registry.search(new JurisdictionSearch(f.state(), f.type(), null, null, f.sanctuary(), f.detainerPolicy(),
                    f.facilityAccess(), f.releaseNotice(), f.section1373(), null, "name", page, PAGE));
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.SERVICE_UNAVAILABLE) {
                throw e;
            }
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service Unavailable",
                    "The jurisdiction service could not list the recipients; nothing was sent. Try again shortly.");
        }
    }
}

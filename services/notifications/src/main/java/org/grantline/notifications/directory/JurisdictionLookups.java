package org.grantline.notifications.directory;

import jakarta.inject.Singleton;
import org.grantline.jurisdiction.api.ContactView;
import org.grantline.jurisdiction.api.JurisdictionPage;
import org.grantline.jurisdiction.api.JurisdictionSearch;
import org.grantline.jurisdiction.api.JurisdictionView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * What this service reads of the jurisdiction registry ({@link JurisdictionClient}): who to write to
 * in a jurisdiction, and its name. Many jurisdictions at once are read page by page rather than one
 * call each. Blocking: call it off the event loop.
 */
@Singleton
public class JurisdictionLookups {
    private static final int BULK = 40;
    private static final int PAGE = 100;

    private final JurisdictionClient registry;

    public JurisdictionLookups(JurisdictionClient registry) {
        this.registry = registry;
    }

    /**
     * Contacts of each jurisdiction asked for (every role). When many are asked for, every contact is
     * read in pages and all of them are returned (callers may keep them for the rest of a run).
     */
    public Map<UUID, List<ContactView>> contacts(Collection<UUID> ids) {
        Map<UUID, List<ContactView>> result = new HashMap<>();
        ids.forEach(id -> result.put(id, new ArrayList<>()));
        if (ids.size() > BULK) {
            pages(page -> registry.search(null, null, page, PAGE), (ContactView.Page p) -> {
                p.items().forEach(c -> result.computeIfAbsent(c.jurisdictionId(), k -> new ArrayList<>()).add(c));
                return p.total();
            });
        } else {
            for (UUID id : ids) {
                pages(page -> registry.search(id, null, page, PAGE), (ContactView.Page p) -> {
                    result.get(id).addAll(p.items());
                    return p.total();
                });
            }
        }
        return result;
    }

    /** Names of the jurisdictions asked for; when many are asked for, of every jurisdiction (read in pages). */
    public Map<UUID, String> names(Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        if (ids.size() > BULK) {
            pages(page -> registry.list(new JurisdictionSearch(null, null, null, null, null, null, null, null, null, null,
                    null, page, PAGE)), (JurisdictionPage p) -> {
                p.items().forEach(j -> names.put(j.id(), label(j)));
                return p.total();
            });
        } else {
            for (UUID id : ids) {
                JurisdictionView found = registry.get(id);
                if (found != null) {   // the declarative client answers a 404 with null: no longer in the registry
                    names.put(id, label(found));
                }
            }
        }
        return names;
    }

    private static String label(JurisdictionView j) {
        return j.state() == null || j.name().endsWith(", " + j.state()) ? j.name() : j.name() + ", " + j.state();
    }

    private static <P> void pages(IntFunction<P> read, ToLongFunction<P> each) {
        int page = 0;
        long total;
        do {
            P answer = read.apply(page);
            if (answer == null) {
                throw new IllegalStateException("the jurisdiction service answered page " + page + " with nothing");
            }
            total = each.applyAsLong(answer);
            page++;
        } while ((long) page * PAGE < total);
    }
}

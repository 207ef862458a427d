package org.grantline.notifications.directory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.grantline.notifications.support.ServiceAuth;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The jurisdiction service as this service reads it, with its own token (services may read
 * private contacts): who to write to in a jurisdiction, and its name. Many jurisdictions at once
 * are read page by page rather than one call each.
 */
@Singleton
public class JurisdictionDirectory {
    private static final int BULK = 40;

    private final HttpClient jurisdictions;
    private final ServiceAuth auth;

    public JurisdictionDirectory(@Client(id = "jurisdiction") HttpClient jurisdictions, ServiceAuth auth) {
        this.jurisdictions = jurisdictions;
        this.auth = auth;
    }

    @Serdeable
    public record Contact(UUID id, UUID jurisdictionId, String name, String role, @Nullable String title, String email) {
    }

    @Serdeable
    public record ContactPage(List<Contact> items, int page, int size, long total) {
    }

    @Serdeable
    public record Jurisdiction(UUID id, String name, @Nullable String state, @Nullable String timeZone) {
    }

    @Serdeable
    public record JurisdictionPage(List<Jurisdiction> items, int page, int size, long total) {
    }

    /**
     * Contacts of each jurisdiction asked for (every role). When many are asked for, every contact is
     * read in pages and all of them are returned (callers may keep them for the rest of a run).
     */
    public Map<UUID, List<Contact>> contacts(Collection<UUID> ids) {
        Map<UUID, List<Contact>> result = new HashMap<>();
        ids.forEach(id -> result.put(id, new ArrayList<>()));
        if (ids.size() > BULK) {
            pages("/api/jurisdictions/contacts", null, ContactPage.class, p -> {
                p.items().forEach(c -> result.computeIfAbsent(c.jurisdictionId(), k -> new ArrayList<>()).add(c));
                return p.total();
            });
        } else {
            for (UUID id : ids) {
                pages("/api/jurisdictions/contacts", id, ContactPage.class, p -> {
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
            pages("/api/jurisdictions", null, JurisdictionPage.class, p -> {
                p.items().forEach(j -> names.put(j.id(), label(j)));
                return p.total();
            });
        } else {
            for (UUID id : ids) {
                names.put(id, label(get(URI.create("/api/jurisdictions/" + id), Jurisdiction.class)));
            }
        }
        return names;
    }

    private static String label(Jurisdiction j) {
        return j.state() == null || j.name().endsWith(", " + j.state()) ? j.name() : j.name() + ", " + j.state();
    }

    private <P> void pages(String path, UUID jurisdictionId, Class<P> type, java.util.function.Function<P, Long> each) {
        int page = 0;
        long total;
        do {
            UriBuilder uri = UriBuilder.of(path).queryParam("page", page).queryParam("size", 100);
            if (jurisdictionId != null) {
                uri.queryParam("jurisdictionId", jurisdictionId);
            }
            total = each.apply(get(uri.build(), type));
            page++;
        } while ((long) page * 100 < total);
    }

    private <T> T get(URI uri, Class<T> type) {
        return jurisdictions.toBlocking().retrieve(HttpRequest.GET(uri).header(HttpHeaders.AUTHORIZATION, auth.bearer()),
                Argument.of(type));
    }
}

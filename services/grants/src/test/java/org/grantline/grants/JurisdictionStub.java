package org.grantline.grants;

import io.micronaut.serde.ObjectMapper;
import org.grantline.jurisdiction.api.ContactOperations;
import org.grantline.jurisdiction.api.ContactRole;
import org.grantline.jurisdiction.api.ContactView;
import org.grantline.jurisdiction.api.DetainerPolicy;
import org.grantline.jurisdiction.api.JurisdictionOperations;
import org.grantline.jurisdiction.api.JurisdictionPage;
import org.grantline.jurisdiction.api.JurisdictionSearch;
import org.grantline.jurisdiction.api.JurisdictionType;
import org.grantline.jurisdiction.api.JurisdictionView;
import org.grantline.jurisdiction.api.KnownAnswer;
import org.grantline.jurisdiction.api.KnownQuery;
import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;
import org.grantline.shared.test.StubServer.Request;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The jurisdiction service's read endpoints over real HTTP ({@code GET /api/jurisdictions/{id}}, the
 * search, {@code POST /known}), for the grants service's tests. It implements jurisdiction-api's
 * contracts, so what it takes and answers are that API's records; it records each Authorization
 * header it received.
 */
public final class JurisdictionStub implements JurisdictionOperations, ContactOperations, AutoCloseable {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private final Set<UUID> known = ConcurrentHashMap.newKeySet();
    /** Time zones of known jurisdictions; America/New_York unless set. */
    private final Map<UUID, String> zones = new ConcurrentHashMap<>();
    private final Map<UUID, String> states = new ConcurrentHashMap<>();
    private final Map<UUID, String> types = new ConcurrentHashMap<>();
    private final Map<UUID, String> detainers = new ConcurrentHashMap<>();
    private final Map<UUID, String> names = new ConcurrentHashMap<>();
    private final Map<UUID, String> fips = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> parents = new ConcurrentHashMap<>();
    public final AtomicInteger searches = new AtomicInteger();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Every call fails (500). */
    public volatile boolean failing;
    private final StubServer server = StubServer.start()
            .on("GET", "/api/jurisdictions/", this::one)
            .on("GET", "/api/jurisdictions", this::search)
            .on("POST", "/api/jurisdictions/known", this::known);

    private Answer one(Request r) {
        authorizations.add(r.header("Authorization"));
        if (failing) {
            return Answer.problem(500, null);
        }
        JurisdictionView found = get(UUID.fromString(r.path().substring("/api/jurisdictions/".length())));
        return found == null ? Answer.problem(404, null) : Answer.json(found);
    }

    private Answer search(Request r) {
        authorizations.add(r.header("Authorization"));
        Map<String, String> q = r.query();
        JurisdictionSearch search = new JurisdictionSearch(q.get("state"), q.containsKey("type") ? JurisdictionType.valueOf(q.get("type")) : null,
                null, null, null, q.containsKey("detainerPolicy") ? DetainerPolicy.valueOf(q.get("detainerPolicy")) : null, null, null, null,
                null, q.get("sort"), q.containsKey("page") ? Integer.valueOf(q.get("page")) : null,
                q.containsKey("size") ? Integer.valueOf(q.get("size")) : null);
        searches.incrementAndGet();
        return failing ? Answer.problem(500, null) : Answer.json(list(search));
    }

    private Answer known(Request r) {
        authorizations.add(r.header("Authorization"));
        return failing ? Answer.problem(500, null) : Answer.json(known(read(r, KnownQuery.class)));
    }

    /** The registry's search, for letters' recipients: state, type and the policy's detainerPolicy; pages of `size`. */
    @Override
    public JurisdictionPage list(JurisdictionSearch q) {
        List<UUID> matching = known.stream()
                .filter(id -> q.state() == null || q.state().equals(states.getOrDefault(id, "MD")))
                .filter(id -> q.type() == null || q.type().name().equals(types.getOrDefault(id, "CITY")))
                .filter(id -> q.detainerPolicy() == null || q.detainerPolicy().name().equals(detainers.getOrDefault(id, "NO_POLICY")))
                .sorted().toList();
        List<JurisdictionView> items = StubServer.page(matching, q.pageOrDefault(), q.sizeOrDefault()).stream().map(this::view).toList();
        return new JurisdictionPage(items, q.pageOrDefault(), q.sizeOrDefault(), matching.size());
    }

    @Override
    public JurisdictionView get(UUID id) {
        return known.contains(id) ? view(id) : null;
    }

    @Override
    public KnownAnswer known(KnownQuery query) {
        return new KnownAnswer(query.ids().stream().filter(known::contains).toList(),
                query.ids().stream().filter(id -> !known.contains(id)).toList());
    }

    /** Grants reads no contacts. */
    @Override
    public ContactView.Page search(UUID jurisdictionId, ContactRole role, int page, int size) {
        throw new UnsupportedOperationException("the grants service reads no contacts");
    }

    private JurisdictionView view(UUID id) {
        Instant at = Instant.parse("2017-01-01T00:00:00Z");
        return new JurisdictionView(id, names.getOrDefault(id, "Somewhere"), JurisdictionType.valueOf(types.getOrDefault(id, "CITY")),
                states.getOrDefault(id, "MD"), fips.get(id), zones.getOrDefault(id, "America/New_York"), parents.get(id), null, at, at, 0);
    }

    private static <T> T read(Request r, Class<T> type) {
        try {
            return JSON.readValue(r.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void add(UUID id, String timeZone) {
        add(id, timeZone, "MD");
    }

    public void add(UUID id, String timeZone, String state) {
        known.add(id);
        zones.put(id, timeZone);
        states.put(id, state);
    }

    /** A registry entry the search finds: name, type and the detainer policy in force. */
    public void add(UUID id, String name, String timeZone, String state, String type, String detainerPolicy) {
        add(id, timeZone, state);
        names.put(id, name);
        types.put(id, type);
        detainers.put(id, detainerPolicy);
    }

    /** A registry entry with its FIPS code and parent (a county's state, a city's county). */
    public void place(UUID id, String timeZone, String state, String fipsCode, UUID parentId) {
        add(id, timeZone, state);
        fips.put(id, fipsCode);
        if (parentId != null) {
            parents.put(id, parentId);
        }
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}

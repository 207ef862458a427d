package org.grantline.grants;

import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;
import org.grantline.shared.test.StubServer.Request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The jurisdiction service's read endpoints over real HTTP ({@code GET /api/jurisdictions/{id}}, the search, {@code POST /known}), for the grants service's tests. */
public final class JurisdictionStub implements AutoCloseable {
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
        UUID id = UUID.fromString(r.path().substring("/api/jurisdictions/".length()));
        if (!known.contains(id)) {
            return Answer.problem(404, null);
        }
        Map<String, Object> body = summary(id);
        if (fips.containsKey(id)) {
            body.put("fips", fips.get(id));
        }
        if (parents.containsKey(id)) {
            body.put("parentId", parents.get(id).toString());
        }
        return Answer.json(body);
    }

    /** The registry's search, for letters' recipients: state, type and the policy's detainerPolicy; pages of `size`. */
    private Answer search(Request r) {
        authorizations.add(r.header("Authorization"));
        Map<String, String> q = r.query();
        List<UUID> matching = known.stream()
                .filter(id -> !q.containsKey("state") || q.get("state").equals(states.getOrDefault(id, "MD")))
                .filter(id -> !q.containsKey("type") || q.get("type").equals(types.getOrDefault(id, "CITY")))
                .filter(id -> !q.containsKey("detainerPolicy") || q.get("detainerPolicy").equals(detainers.getOrDefault(id, "NO_POLICY")))
                .sorted().toList();
        int size = Integer.parseInt(q.getOrDefault("size", "20"));
        int page = Integer.parseInt(q.getOrDefault("page", "0"));
        searches.incrementAndGet();
        if (failing) {
            return Answer.problem(500, null);
        }
        List<Map<String, Object>> items = StubServer.page(matching, page, size).stream().map(this::summary).toList();
        return Answer.json(Map.of("items", items, "page", page, "size", size, "total", matching.size()));
    }

    private Answer known(Request r) {
        authorizations.add(r.header("Authorization"));
        if (failing) {
            return Answer.problem(500, null);
        }
        List<String> yes = new ArrayList<>();
        List<String> no = new ArrayList<>();
        for (Object id : (List<?>) r.object().get("ids")) {
            (known.contains(UUID.fromString((String) id)) ? yes : no).add((String) id);
        }
        return Answer.json(Map.of("known", yes, "unknown", no));
    }

    private Map<String, Object> summary(UUID id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("name", names.getOrDefault(id, "Somewhere"));
        body.put("state", states.getOrDefault(id, "MD"));
        body.put("timeZone", zones.getOrDefault(id, "America/New_York"));
        return body;
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

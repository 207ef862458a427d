package org.grantline.notifications;

import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The jurisdiction service's jurisdictions and private contacts over real HTTP. */
public final class JurisdictionStub implements AutoCloseable {
    private final Map<UUID, Map<String, Object>> jurisdictions = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> contacts = new CopyOnWriteArrayList<>();
    private final StubServer server = StubServer.start()
            .on("GET", "/api/jurisdictions", r -> {
                Object body = handle(r.path(), r.query());
                return body == null ? Answer.problem(404, null) : Answer.json(body);
            });

    private Object handle(String path, Map<String, String> q) {
        int page = Integer.parseInt(q.getOrDefault("page", "0"));
        int size = Integer.parseInt(q.getOrDefault("size", "20"));
        if (path.equals("/api/jurisdictions/contacts")) {
            List<Map<String, Object>> all = contacts.stream()
                    .filter(c -> q.get("jurisdictionId") == null || c.get("jurisdictionId").equals(q.get("jurisdictionId")))
                    .sorted(Comparator.comparing(c -> c.get("id").toString())).toList();
            return page(all, page, size);
        }
        if (path.equals("/api/jurisdictions")) {
            return page(jurisdictions.values().stream().sorted(Comparator.comparing(j -> j.get("id").toString())).toList(), page, size);
        }
        if (path.startsWith("/api/jurisdictions/")) {
            return jurisdictions.get(UUID.fromString(path.substring("/api/jurisdictions/".length())));
        }
        return null;
    }

    private static Map<String, Object> page(List<Map<String, Object>> all, int page, int size) {
        return Map.of("items", StubServer.page(all, page, size), "page", page, "size", size, "total", all.size());
    }

    /** While down, every call but the token endpoint is a 503. */
    public void down(boolean down) {
        server.down = down;
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }

    public UUID jurisdiction(String name, String state, String zone) {
        UUID id = UUID.randomUUID();
        jurisdictions.put(id, Map.of("id", id.toString(), "name", name, "state", state, "timeZone", zone));
        return id;
    }

    public void contact(UUID jurisdiction, String role, String email) {
        contacts.add(Map.of("id", UUID.randomUUID().toString(), "jurisdictionId", jurisdiction.toString(), "name", email.split("@")[0],
                "role", role, "email", email));
    }
}

package org.grantline.grants;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The jurisdiction service's read endpoints over real HTTP ({@code GET /api/jurisdictions/{id}}, {@code POST /known}), for the grants service's tests. */
public final class JurisdictionStub implements AutoCloseable {
    private final Set<UUID> known = ConcurrentHashMap.newKeySet();
    /** Time zones of known jurisdictions; America/New_York unless set. */
    private final java.util.Map<UUID, String> zones = new ConcurrentHashMap<>();
    private final java.util.Map<UUID, String> states = new ConcurrentHashMap<>();
    private final java.util.Map<UUID, String> types = new ConcurrentHashMap<>();
    private final java.util.Map<UUID, String> detainers = new ConcurrentHashMap<>();
    private final java.util.Map<UUID, String> names = new ConcurrentHashMap<>();
    private final java.util.Map<UUID, String> fips = new ConcurrentHashMap<>();
    private final java.util.Map<UUID, UUID> parents = new ConcurrentHashMap<>();
    public final java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    public volatile boolean failing;
    private final HttpServer server;

    public JurisdictionStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/jurisdictions/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String id = exchange.getRequestURI().getPath().substring("/api/jurisdictions/".length());
            int status;
            String body;
            if (failing) {
                status = 500;
                body = "{\"status\":500}";
            } else if (known.contains(UUID.fromString(id))) {
                status = 200;
                body = "{\"id\":\"" + id + "\",\"name\":\"" + names.getOrDefault(UUID.fromString(id), "Somewhere") + "\",\"state\":\""
                        + states.getOrDefault(UUID.fromString(id), "MD") + "\",\"timeZone\":\""
                        + zones.getOrDefault(UUID.fromString(id), "America/New_York") + "\""
                        + (fips.containsKey(UUID.fromString(id)) ? ",\"fips\":\"" + fips.get(UUID.fromString(id)) + "\"" : "")
                        + (parents.containsKey(UUID.fromString(id)) ? ",\"parentId\":\"" + parents.get(UUID.fromString(id)) + "\"" : "")
                        + "}";
            } else {
                status = 404;
                body = "{\"status\":404}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        // The registry's search, for letters' recipients: state, type and the policy's detainerPolicy; pages of `size`.
        server.createContext("/api/jurisdictions", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            java.util.Map<String, String> q = new java.util.HashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            List<UUID> matching = this.known.stream()
                    .filter(id -> !q.containsKey("state") || q.get("state").equals(states.getOrDefault(id, "MD")))
                    .filter(id -> !q.containsKey("type") || q.get("type").equals(types.getOrDefault(id, "CITY")))
                    .filter(id -> !q.containsKey("detainerPolicy") || q.get("detainerPolicy").equals(detainers.getOrDefault(id, "NO_POLICY")))
                    .sorted().toList();
            int size = Integer.parseInt(q.getOrDefault("size", "20"));
            int page = Integer.parseInt(q.getOrDefault("page", "0"));
            searches.incrementAndGet();
            StringBuilder items = new StringBuilder();
            for (UUID id : matching.subList(Math.min(matching.size(), page * size), Math.min(matching.size(), (page + 1) * size))) {
                items.append(items.length() == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"name\":\"")
                        .append(names.getOrDefault(id, "Somewhere")).append("\",\"state\":\"").append(states.getOrDefault(id, "MD"))
                        .append("\",\"timeZone\":\"").append(zones.getOrDefault(id, "America/New_York")).append("\"}");
            }
            int status = failing ? 500 : 200;
            byte[] bytes = (failing ? "{\"status\":500}" : "{\"items\":[" + items + "],\"page\":" + page + ",\"size\":" + size
                    + ",\"total\":" + matching.size() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.createContext("/api/jurisdictions/known", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            List<String> known = new java.util.ArrayList<>();
            List<String> unknown = new java.util.ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").matcher(body);
            while (m.find()) {
                (this.known.contains(UUID.fromString(m.group())) ? known : unknown).add("\"" + m.group() + "\"");
            }
            int status = failing ? 500 : 200;
            byte[] bytes = (failing ? "{\"status\":500}" : "{\"known\":" + known + ",\"unknown\":" + unknown + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
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
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

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

/** The jurisdiction service's read endpoint over real HTTP, for the grants service's tests. */
public final class JurisdictionStub implements AutoCloseable {
    private final Set<UUID> known = ConcurrentHashMap.newKeySet();
    /** Time zones of known jurisdictions; America/New_York unless set. */
    private final java.util.Map<UUID, String> zones = new ConcurrentHashMap<>();
    private final java.util.Map<UUID, String> states = new ConcurrentHashMap<>();
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
                body = "{\"id\":\"" + id + "\",\"name\":\"Somewhere\",\"state\":\""
                        + states.getOrDefault(UUID.fromString(id), "MD") + "\",\"timeZone\":\""
                        + zones.getOrDefault(UUID.fromString(id), "America/New_York") + "\"}";
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

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

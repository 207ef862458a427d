package org.grantline.grants;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The documents service's record endpoint over real HTTP, for the grants service's tests. */
public final class DocumentsStub implements AutoCloseable {
    private final Map<UUID, UUID> jurisdictionOf = new ConcurrentHashMap<>();
    public volatile boolean failing;
    private final HttpServer server;

    public DocumentsStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/documents/", exchange -> {
            UUID id = UUID.fromString(exchange.getRequestURI().getPath().substring("/api/documents/".length()));
            int status = failing ? 500 : jurisdictionOf.containsKey(id) ? 200 : 404;
            String body = status == 200 ? "{\"id\":\"" + id + "\",\"jurisdictionId\":\"" + jurisdictionOf.get(id) + "\"}"
                    : "{\"status\":" + status + "}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** A document that exists and belongs to the jurisdiction. */
    public UUID document(UUID jurisdiction) {
        UUID id = UUID.randomUUID();
        jurisdictionOf.put(id, jurisdiction);
        return id;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

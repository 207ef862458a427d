package org.grantline.notifications;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/** A stand-in service over real HTTP: JSON answers, and a switch that makes it fail like a service that is down. */
public abstract class StubServer implements AutoCloseable {
    protected static final JsonMapper JSON = JsonMapper.createDefault();
    private final HttpServer server;
    public volatile boolean down;

    protected StubServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try (exchange) {
                if (down && !exchange.getRequestURI().getPath().startsWith("/oauth")) {
                    send(exchange, 503, Map.of("status", 503));
                    return;
                }
                Object body = handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query(exchange),
                        exchange.getRequestBody().readAllBytes());
                if (body == null) {
                    send(exchange, 404, Map.of("status", 404));
                } else {
                    send(exchange, 200, body);
                }
            } catch (RuntimeException e) {
                send(exchange, 500, Map.of("status", 500, "detail", String.valueOf(e)));
            }
        });
        server.start();
    }

    /** The JSON body to answer with, or null for 404. */
    protected abstract Object handle(String method, String path, Map<String, String> query);

    /** The same, for a stand-in that reads the request's body. */
    protected Object handle(String method, String path, Map<String, String> query, byte[] body) throws IOException {
        return handle(method, path, query);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> q = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

package org.grantline.shared.test;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for another service over real HTTP (the JDK's server on 127.0.0.1), which every
 * module's stand-ins are built on: routes by method and path prefix (the longest prefix wins),
 * JSON and problem+json answers, the gateway's client-credentials endpoint when a stand-in also
 * plays it, a bearer token it insists on, a switch that makes it answer like a service that is
 * down, and a record of what it received.
 */
public final class StubServer implements AutoCloseable {
    /** Writes empty lists and nulls too, as the services do (inclusion ALWAYS). */
    private static final ObjectMapper JSON = ObjectMapper.create(Map.of("micronaut.serde.serialization.inclusion", "ALWAYS"));
    private static final String TOKEN_PATH = "/oauth/access_token";

    /** One request as received; {@code target} is the raw path and query, as sent. */
    public record Request(String method, String path, String target, Map<String, String> query, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body read as JSON (an object, a list, a string, a number). */
        public Object json() {
            try {
                return JSON.readValue(body, Object.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The body read as one JSON object. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> object() {
            return (Map<String, Object>) json();
        }
    }

    /** One answer: status, media type, bytes and extra headers. */
    public record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
        public static Answer json(Object body) {
            return json(200, body);
        }

        public static Answer json(int status, Object body) {
            try {
                return new Answer(status, "application/json", JSON.writeValueAsBytes(body), Map.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A JSON body written out by hand. */
        public static Answer raw(int status, String json) {
            return new Answer(status, status < 400 ? "application/json" : "application/problem+json",
                    json.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        public static Answer problem(int status, String detail) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("status", status);
            if (detail != null) {
                body.put("detail", detail);
            }
            try {
                return new Answer(status, "application/problem+json", JSON.writeValueAsBytes(body), Map.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static Answer empty(int status) {
            return new Answer(status, null, new byte[0], Map.of());
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Answer(status, contentType, body, all);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Answer answer(Request request) throws Exception;
    }

    private record Route(String method, String prefix, Handler handler) {
    }

    /** Every request received, in order (the token endpoint's too). */
    public final List<Request> received = new CopyOnWriteArrayList<>();
    /** While true, every route but the token endpoint answers 503, as a service that is down. */
    public volatile boolean down;

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-server");
        t.setDaemon(true);
        return t;
    });
    private volatile String requiredBearer;

    private StubServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    /** On any free port. */
    public static StubServer start() {
        return new StubServer(0);
    }

    /** On this port (0: any free one), so that a restarted stand-in comes back where it was. */
    public static StubServer start(int port) {
        return new StubServer(port);
    }

    /** Answers requests whose method is {@code method} (null: any) and whose path starts with {@code prefix}. */
    public StubServer on(String method, String prefix, Handler handler) {
        routes.add(new Route(method, prefix, handler));
        return this;
    }

    /** Also plays the gateway's client-credentials endpoint, handing out {@code token} for five minutes. */
    public StubServer issuing(String token) {
        return on("POST", TOKEN_PATH, r -> Answer.json(Map.of("access_token", token, "token_type", "Bearer", "expires_in", 300)));
    }

    /** Every route but the token endpoint answers 401 unless the request carries {@code Bearer token}. */
    public StubServer requiring(String token) {
        this.requiredBearer = token;
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public Request last() {
        return received.get(received.size() - 1);
    }

    /** What was received on one path, in order. */
    public List<Request> to(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try {
                body = exchange.getRequestBody().readAllBytes();
            } catch (IOException cutOff) {
                return;   // the client went away mid-body
            }
            String raw = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Request request = new Request(exchange.getRequestMethod(), path, raw, query(exchange), exchange.getRequestHeaders(), body);
            received.add(request);
            send(exchange, answer(request));
        } catch (IOException closedByClient) {
            // the caller gave up waiting
        }
    }

    private Answer answer(Request request) {
        boolean tokenEndpoint = request.path().equals(TOKEN_PATH);
        if (down && !tokenEndpoint) {
            return Answer.problem(503, "the stand-in is down");
        }
        if (requiredBearer != null && !tokenEndpoint && !("Bearer " + requiredBearer).equals(request.header("Authorization"))) {
            return Answer.problem(401, "not this service's token");
        }
        Route route = routes.stream()
                .filter(r -> request.path().startsWith(r.prefix()))
                .max(Comparator.comparingInt(r -> r.prefix().length()))
                .orElse(null);
        if (route == null) {
            return Answer.problem(404, null);
        }
        if (route.method() != null && !route.method().equals(request.method())) {
            return Answer.problem(405, null);
        }
        try {
            return route.handler().answer(request);
        } catch (Exception e) {
            return Answer.problem(500, String.valueOf(e));
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        boolean noBody = answer.body().length == 0;
        exchange.sendResponseHeaders(answer.status(), noBody ? -1 : answer.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    /** Used by stand-ins that list what they hold. */
    public static <T> List<T> page(List<T> all, int page, int size) {
        int from = Math.min(all.size(), page * size);
        return new ArrayList<>(all.subList(from, Math.min(all.size(), from + size)));
    }
}

package org.grantline.shared.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a Consul agent, for tests: no Consul binary can be had on these machines. It
 * speaks the part of Consul's HTTP API that Micronaut uses (service register and deregister, TTL
 * check pass, health and catalog queries, leader status) and, like a real agent, runs each
 * registered HTTP check, so {@code ?passing} leaves out instances that stopped answering.
 */
public final class FakeConsul implements AutoCloseable {

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.createDefault();
    private final HttpClient checker = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();
    private final Map<String, Map<String, Object>> services = new ConcurrentHashMap<>();
    private final List<String> deregistered = new CopyOnWriteArrayList<>();

    public FakeConsul() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        // Checks call the instances, whose own requests may come back here: never a single thread.
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Registered instances by instance id, as Consul stored them. */
    public Map<String, Map<String, Object>> services() {
        return Map.copyOf(services);
    }

    public List<Map<String, Object>> instancesOf(String name) {
        return services.values().stream().filter(s -> name.equals(s.get("Name"))).toList();
    }

    public List<String> deregistered() {
        return List.copyOf(deregistered);
    }

    /** Registers an instance the way a service's Consul client does (for instances that are not Micronaut apps). */
    public void register(String id, String name, String address, int port, String healthUrl) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("ID", id);
        entry.put("Name", name);
        entry.put("Address", address);
        entry.put("Port", port);
        entry.put("Check", Map.of("HTTP", healthUrl, "Interval", "1s"));
        services.put(id, entry);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("PUT") && path.equals("/v1/agent/service/register")) {
                Map<String, Object> entry = json.readValue(exchange.getRequestBody().readAllBytes(),
                        Argument.mapOf(String.class, Object.class));
                String id = String.valueOf(entry.getOrDefault("ID", entry.get("Name")));
                services.put(id, entry);
                send(exchange, 200, "");
            } else if (method.equals("PUT") && path.startsWith("/v1/agent/service/deregister/")) {
                String id = path.substring("/v1/agent/service/deregister/".length());
                services.remove(id);
                deregistered.add(id);
                send(exchange, 200, "");
            } else if (method.equals("PUT") && path.startsWith("/v1/agent/check/")) {
                send(exchange, 200, "");
            } else if (path.startsWith("/v1/health/service/")) {
                String name = path.substring("/v1/health/service/".length());
                boolean passingOnly = String.valueOf(exchange.getRequestURI().getQuery()).contains("passing");
                List<Object> entries = new ArrayList<>();
                for (Map<String, Object> s : instancesOf(name)) {
                    boolean passing = passing(s);
                    if (passingOnly && !passing) {
                        continue;
                    }
                    Map<String, Object> service = new LinkedHashMap<>();
                    service.put("ID", s.get("ID"));
                    service.put("Service", s.get("Name"));
                    service.put("Address", s.get("Address"));
                    service.put("Port", s.get("Port"));
                    service.put("Tags", s.getOrDefault("Tags", List.of()));
                    service.put("Meta", s.getOrDefault("Meta", Map.of()));
                    entries.add(Map.of(
                            "Node", Map.of("Node", "fake-consul", "Address", "127.0.0.1", "Datacenter", "dc1"),
                            "Service", service,
                            "Checks", List.of(Map.of("CheckID", "service:" + s.get("ID"), "Name", "health",
                                    "Status", passing ? "passing" : "critical"))));
                }
                send(exchange, 200, json.writeValueAsString(entries));
            } else if (path.equals("/v1/catalog/services")) {
                Map<String, Object> names = new LinkedHashMap<>();
                services.values().forEach(s -> names.put(String.valueOf(s.get("Name")), s.getOrDefault("Tags", List.of())));
                send(exchange, 200, json.writeValueAsString(names));
            } else if (path.equals("/v1/agent/services")) {
                send(exchange, 200, json.writeValueAsString(services));
            } else if (path.equals("/v1/status/leader")) {
                send(exchange, 200, "\"127.0.0.1:8300\"");
            } else {
                send(exchange, 404, "");
            }
        } catch (RuntimeException e) {
            send(exchange, 500, String.valueOf(e.getMessage()));
        }
    }

    @SuppressWarnings("unchecked")
    private boolean passing(Map<String, Object> service) {
        Object check = service.get("Check");
        if (check == null && service.get("Checks") instanceof List<?> checks && !checks.isEmpty()) {
            check = checks.get(0);
        }
        if (!(check instanceof Map<?, ?> c) || c.get("HTTP") == null) {
            return true;
        }
        try {
            HttpResponse<Void> response = checker.send(
                    HttpRequest.newBuilder(URI.create(String.valueOf(((Map<String, Object>) c).get("HTTP"))))
                            .timeout(Duration.ofMillis(500)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() >= 200 && response.statusCode() < 300;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}

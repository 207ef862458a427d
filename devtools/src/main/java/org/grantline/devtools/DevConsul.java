package org.grantline.devtools;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DEVELOPMENT ONLY — this is not Consul: one process, no servers, no consensus, no persistence, no
 * ACLs, no DNS, no key/value store. It speaks the part of Consul's agent HTTP API that GrantLine's
 * apps (Micronaut's Consul client) use, so that {@code ./suite up --replicas} and the tests run the
 * production discovery path on a machine where no {@code consul} binary can be had: register and
 * deregister a service instance, TTL check updates, the health and catalog queries, leader status.
 *
 * <p>Like a Consul agent it runs each instance's HTTP check itself, every {@code Interval} (with
 * its {@code Timeout}, default 10 s): 2xx is passing, 429 warning, anything else or no answer
 * critical; {@code /v1/health/service/NAME?passing} leaves out every instance with a check that is
 * not passing; an instance critical for longer than its {@code DeregisterCriticalServiceAfter} is
 * removed. A check starts in the {@code Status} it was registered with (critical if none) and the
 * first HTTP check runs at once.
 */
public final class DevConsul implements AutoCloseable {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient checker = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "dev-consul-checks");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final List<String> deregistered = new CopyOnWriteArrayList<>();
    private final AtomicLong index = new AtomicLong(1);
    private final boolean verbose;
    private volatile boolean checksHeld;

    /** On a free port of 127.0.0.1, quiet: for tests. */
    public DevConsul() {
        this(0, false);
    }

    public DevConsul(int port, boolean verbose) {
        this.verbose = verbose;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        server.createContext("/", this::handle);
        // Checks call the instances, whose own requests may come back here: never a single thread.
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "dev-consul-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        scheduler.scheduleWithFixedDelay(this::expire, 500, 500, TimeUnit.MILLISECONDS);
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8500;
        DevConsul agent = new DevConsul(port, true);
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "dev-consul-stop"));
        agent.log("DevConsul — a DEVELOPMENT-ONLY agent speaking part of Consul's HTTP API (not Consul) — on http://127.0.0.1:"
                + agent.port());
        Thread.currentThread().join();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Registered instances by instance id, each as it was registered (the request body). */
    public Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        sorted().forEach(i -> all.put(i.id, i.registration));
        return all;
    }

    /** The registrations of one service's instances. */
    public List<Map<String, Object>> instancesOf(String name) {
        return sorted().stream().filter(i -> i.name.equals(name)).map(i -> i.registration).toList();
    }

    /** Instance ids in the order they were deregistered (by the instance, or removed while critical). */
    public List<String> deregistered() {
        return List.copyOf(deregistered);
    }

    /** The aggregated health of one instance ({@code passing}, {@code warning}, {@code critical}), if registered. */
    public Optional<String> status(String instanceId) {
        return Optional.ofNullable(instances.get(instanceId)).map(Instance::status);
    }

    /** Registers an instance as a Consul client does, with an HTTP check every second (for stand-ins that are not Micronaut apps). */
    public void register(String id, String name, String address, int port, String healthUrl) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("ID", id);
        entry.put("Name", name);
        entry.put("Address", address);
        entry.put("Port", port);
        entry.put("Check", Map.of("HTTP", healthUrl, "Interval", "1s", "Status", "passing"));
        register(entry);
    }

    /** Removes an instance, as its own deregistration would. */
    public void deregister(String id) {
        deregister(id, "deregistered by the caller");
    }

    /**
     * For tests: while held, no check runs and every instance keeps the status of its last check,
     * as with a real agent between two checks of a long interval (an instance that just died is
     * still listed as passing).
     */
    public void holdChecks(boolean held) {
        this.checksHeld = held;
    }

    @Override
    public void close() {
        server.stop(0);
        scheduler.shutdownNow();
    }

    // --- the agent --------------------------------------------------------------------------------------

    private static final class Instance {
        final String id;
        final String name;
        final String address;
        final int port;
        final Map<String, Object> registration;
        final List<Check> checks = new ArrayList<>();

        Instance(String id, String name, String address, int port, Map<String, Object> registration) {
            this.id = id;
            this.name = name;
            this.address = address;
            this.port = port;
            this.registration = registration;
        }

        String status() {
            String worst = "passing";
            for (Check check : checks) {
                if (check.status.equals("critical")) {
                    return "critical";
                }
                if (check.status.equals("warning")) {
                    worst = "warning";
                }
            }
            return worst;
        }
    }

    private static final class Check {
        final String id;
        final String name;
        final String http;
        final String method;
        final Duration interval;
        final Duration timeout;
        final Duration ttl;
        final Duration deregisterAfter;
        volatile String status;
        volatile String output = "";
        volatile Instant criticalSince;
        volatile Instant ttlExpires;
        volatile boolean removed;

        Check(String id, Map<?, ?> definition) {
            this.id = id;
            this.name = definition.get("Name") == null ? "Service health check" : String.valueOf(definition.get("Name"));
            this.http = definition.get("HTTP") == null ? null : String.valueOf(definition.get("HTTP"));
            this.method = definition.get("Method") == null ? "GET" : String.valueOf(definition.get("Method"));
            this.interval = duration(definition.get("Interval")).orElse(Duration.ofSeconds(10));
            this.timeout = duration(definition.get("Timeout")).orElse(DEFAULT_TIMEOUT);
            this.ttl = duration(definition.get("TTL")).orElse(null);
            this.deregisterAfter = duration(definition.get("DeregisterCriticalServiceAfter")).orElse(null);
            Object initial = definition.get("Status");
            set(initial == null ? "critical" : String.valueOf(initial), "registered");
            if (ttl != null) {
                ttlExpires = Instant.now().plus(ttl);
            }
        }

        /** Answers whether the status changed. */
        boolean set(String next, String why) {
            String before = status;
            status = next;
            output = why;
            if (next.equals("critical")) {
                if (criticalSince == null) {
                    criticalSince = Instant.now();
                }
            } else {
                criticalSince = null;
            }
            return before != null && !before.equals(next);
        }
    }

    private void register(Map<String, Object> entry) {
        String name = String.valueOf(entry.get("Name"));
        String id = String.valueOf(entry.getOrDefault("ID", name));
        int port = entry.get("Port") instanceof Number n ? n.intValue() : 0;
        String address = entry.get("Address") == null ? "127.0.0.1" : String.valueOf(entry.get("Address"));
        Instance instance = new Instance(id, name, address, port, entry);
        List<Map<?, ?>> definitions = new ArrayList<>();
        if (entry.get("Check") instanceof Map<?, ?> single) {
            definitions.add(single);
        }
        if (entry.get("Checks") instanceof List<?> many) {
            many.stream().filter(Map.class::isInstance).map(c -> (Map<?, ?>) c).forEach(definitions::add);
        }
        for (int i = 0; i < definitions.size(); i++) {
            Map<?, ?> definition = definitions.get(i);
            Object given = definition.get("CheckID") != null ? definition.get("CheckID") : definition.get("ID");
            String checkId = given != null ? String.valueOf(given)
                    : definitions.size() == 1 ? "service:" + id : "service:" + id + ":" + (i + 1);
            instance.checks.add(new Check(checkId, definition));
        }
        Instance previous = instances.put(id, instance);
        if (previous != null) {
            previous.checks.forEach(c -> c.removed = true);
        }
        index.incrementAndGet();
        log("registered " + id + " (" + name + " at " + address + ":" + port
                + instance.checks.stream().filter(c -> c.http != null).map(c -> ", HTTP check " + c.http + " every "
                        + c.interval.toMillis() / 1000.0 + " s").findFirst().orElse("") + ")");
        for (Check check : instance.checks) {
            if (check.http != null) {
                scheduler.execute(() -> runCheck(instance, check));
            }
        }
    }

    private void deregister(String id, String why) {
        Instance removed = instances.remove(id);
        if (removed != null) {
            removed.checks.forEach(c -> c.removed = true);
            deregistered.add(id);
            index.incrementAndGet();
            log("deregistered " + id + " (" + why + ")");
        }
    }

    private void runCheck(Instance instance, Check check) {
        if (check.removed) {
            return;
        }
        if (checksHeld) {
            scheduler.schedule(() -> runCheck(instance, check), check.interval.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(check.http)).timeout(check.timeout)
                    .method(check.method, HttpRequest.BodyPublishers.noBody()).build();
        } catch (IllegalArgumentException e) {
            update(instance, check, "critical", "bad check URL " + check.http);
            return;
        }
        checker.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                update(instance, check, "critical", "no answer: " + failure.getClass().getSimpleName());
            } else {
                int code = response.statusCode();
                update(instance, check, code >= 200 && code < 300 ? "passing" : code == 429 ? "warning" : "critical",
                        "HTTP " + code);
            }
            if (!check.removed && !scheduler.isShutdown()) {
                scheduler.schedule(() -> runCheck(instance, check), check.interval.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private void update(Instance instance, Check check, String status, String why) {
        if (check.removed) {
            return;
        }
        if (check.set(status, why)) {
            index.incrementAndGet();
            log("check " + check.id + " of " + instance.id + " is now " + status + " (" + why + ")");
        }
    }

    /** TTL checks that were not refreshed turn critical; instances critical for too long are removed. */
    private void expire() {
        Instant now = Instant.now();
        for (Instance instance : List.copyOf(instances.values())) {
            for (Check check : instance.checks) {
                if (check.ttl != null && check.ttlExpires != null && now.isAfter(check.ttlExpires) && !check.status.equals("critical")) {
                    update(instance, check, "critical", "TTL expired");
                }
                if (check.deregisterAfter != null && check.criticalSince != null
                        && now.isAfter(check.criticalSince.plus(check.deregisterAfter))) {
                    deregister(instance.id, "critical for more than " + check.deregisterAfter.toSeconds() + " s");
                    break;
                }
            }
        }
    }

    private Optional<Check> check(String checkId) {
        return instances.values().stream().flatMap(i -> i.checks.stream()).filter(c -> c.id.equals(checkId)).findFirst();
    }

    private Optional<Instance> owner(Check check) {
        return instances.values().stream().filter(i -> i.checks.contains(check)).findFirst();
    }

    private List<Instance> sorted() {
        return instances.values().stream().sorted((a, b) -> a.id.compareTo(b.id)).toList();
    }

    // --- HTTP --------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String method = exchange.getRequestMethod();
            if (method.equals("PUT") && path.equals("/v1/agent/service/register")) {
                register(json.readValue(exchange.getRequestBody().readAllBytes(), new TypeReference<LinkedHashMap<String, Object>>() { }));
                send(exchange, 200, "");
            } else if (method.equals("PUT") && path.startsWith("/v1/agent/service/deregister/")) {
                String id = path.substring("/v1/agent/service/deregister/".length());
                if (instances.containsKey(id)) {
                    deregister(id, "asked to");
                    send(exchange, 200, "");
                } else {
                    send(exchange, 404, "Unknown service ID \"" + id + "\"");
                }
            } else if (method.equals("PUT") && path.matches("/v1/agent/check/(pass|warn|fail)/.+")) {
                String[] parts = path.split("/", 6);
                String status = switch (parts[4]) {
                    case "pass" -> "passing";
                    case "warn" -> "warning";
                    default -> "critical";
                };
                Optional<Check> check = check(parts[5]);
                if (check.isEmpty()) {
                    send(exchange, 404, "Unknown check ID \"" + parts[5] + "\"");
                } else {
                    Check c = check.get();
                    if (c.ttl != null) {
                        c.ttlExpires = Instant.now().plus(c.ttl);
                    }
                    owner(c).ifPresent(i -> update(i, c, status, "TTL update"));
                    send(exchange, 200, "");
                }
            } else if (method.equals("GET") && path.startsWith("/v1/health/service/")) {
                String name = path.substring("/v1/health/service/".length());
                boolean passingOnly = query.matches("(^|.*&)passing(=(true|1))?(&.*|$)");
                List<Object> entries = new ArrayList<>();
                for (Instance instance : sorted()) {
                    if (instance.name.equals(name) && (!passingOnly || instance.status().equals("passing"))) {
                        entries.add(healthEntry(instance));
                    }
                }
                send(exchange, 200, json.writeValueAsString(entries));
            } else if (method.equals("GET") && path.equals("/v1/catalog/services")) {
                Map<String, Object> names = new LinkedHashMap<>();
                sorted().forEach(i -> names.put(i.name, i.registration.getOrDefault("Tags", List.of())));
                send(exchange, 200, json.writeValueAsString(names));
            } else if (method.equals("GET") && path.startsWith("/v1/catalog/service/")) {
                String name = path.substring("/v1/catalog/service/".length());
                List<Object> entries = new ArrayList<>();
                sorted().stream().filter(i -> i.name.equals(name)).forEach(i -> {
                    Map<String, Object> entry = new LinkedHashMap<>(node());
                    entry.put("ServiceID", i.id);
                    entry.put("ServiceName", i.name);
                    entry.put("ServiceAddress", i.address);
                    entry.put("ServicePort", i.port);
                    entry.put("ServiceTags", i.registration.getOrDefault("Tags", List.of()));
                    entry.put("ServiceMeta", i.registration.getOrDefault("Meta", Map.of()));
                    entries.add(entry);
                });
                send(exchange, 200, json.writeValueAsString(entries));
            } else if (method.equals("GET") && path.equals("/v1/agent/services")) {
                Map<String, Object> all = new LinkedHashMap<>();
                sorted().forEach(i -> all.put(i.id, service(i)));
                send(exchange, 200, json.writeValueAsString(all));
            } else if (method.equals("GET") && path.equals("/v1/agent/checks")) {
                Map<String, Object> all = new LinkedHashMap<>();
                sorted().forEach(i -> i.checks.forEach(c -> all.put(c.id, check(i, c))));
                send(exchange, 200, json.writeValueAsString(all));
            } else if (method.equals("GET") && path.equals("/v1/status/leader")) {
                send(exchange, 200, "\"127.0.0.1:8300\"");
            } else if (method.equals("GET") && path.equals("/v1/agent/self")) {
                send(exchange, 200, json.writeValueAsString(Map.of("Config", Map.of("Datacenter", "dc1", "NodeName", "dev-consul",
                        "Version", "development agent, not Consul"))));
            } else {
                send(exchange, 404, "not supported by GrantLine's development agent (not Consul): " + method + " " + path);
            }
        } catch (IOException | RuntimeException e) {
            send(exchange, 400, String.valueOf(e.getMessage()));
        }
    }

    private static Map<String, Object> node() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("Node", "dev-consul");
        node.put("Address", "127.0.0.1");
        node.put("Datacenter", "dc1");
        return node;
    }

    private static Map<String, Object> service(Instance i) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("ID", i.id);
        service.put("Service", i.name);
        service.put("Tags", i.registration.getOrDefault("Tags", List.of()));
        service.put("Meta", i.registration.getOrDefault("Meta", Map.of()));
        service.put("Address", i.address);
        service.put("Port", i.port);
        return service;
    }

    private static Map<String, Object> check(Instance i, Check c) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("Node", "dev-consul");
        check.put("CheckID", c.id);
        check.put("Name", c.name);
        check.put("Status", c.status);
        check.put("Output", c.output);
        check.put("ServiceID", i.id);
        check.put("ServiceName", i.name);
        check.put("Type", c.http != null ? "http" : c.ttl != null ? "ttl" : "");
        return check;
    }

    private static Map<String, Object> healthEntry(Instance i) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Node", node());
        entry.put("Service", service(i));
        entry.put("Checks", i.checks.stream().map(c -> check(i, c)).toList());
        return entry;
    }

    private void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "text/plain; charset=utf-8");
        exchange.getResponseHeaders().add("X-Consul-Index", String.valueOf(index.get()));
        exchange.getResponseHeaders().add("X-Consul-Knownleader", "true");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void log(String message) {
        if (verbose) {
            System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + message);
            System.out.flush();
        }
    }

    /** Go's duration syntax, as Consul takes it: "10s", "1m30s", "500ms". */
    static Optional<Duration> duration(Object value) {
        if (value == null || String.valueOf(value).isBlank()) {
            return Optional.empty();
        }
        String text = String.valueOf(value).trim();
        Matcher m = DURATION.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return Optional.empty();
            }
            double amount = Double.parseDouble(m.group(1));
            long nanos = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.plusNanos((long) (amount * nanos));
            end = m.end();
        }
        return end == text.length() && end > 0 ? Optional.of(total) : Optional.empty();
    }
}

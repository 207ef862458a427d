package org.grantline.gateway.openapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Merges the gateway's own OpenAPI document with the services' into the one document a client of
 * the gateway reads: each service operation under the path a client calls it by, as the route
 * table decides ({@link Rule}, the {@code grantline.routes} of the gateway: a path goes to the
 * service whose longest prefix it starts with; the gateway forwards it unchanged). Plain maps in,
 * plain maps out (the documents as SnakeYAML reads them), so that it is easy to test.
 *
 * <ul>
 * <li>A service path under {@code /internal/} is service to service by design (no route reaches it): left out
 *     quietly. Any other service path no route sends to that service is left out too, but listed in
 *     {@link Merged#unrouted()} as a likely mistake;
 *     a gateway path that a route would forward away, or one path in two documents, is an error.</li>
 * <li>Components of the same name: kept once when they are the same (after the renames below); a
 *     different one of the same name is renamed {@code <service>.<Name>} in that service's part,
 *     with every {@code $ref} to it. Nothing collides silently.</li>
 * <li>operationIds are prefixed with the document's name ({@code grants_create}): they are unique
 *     in each document, not across them, and a prefix keeps them stable when another service adds one.</li>
 * <li>What the gateway itself adds to a forwarded call: 401 (no token, unless the route forwards the
 *     path without one), 403 (an auditor's write), 413 (a body over the route's limit), 502, 503 and
 *     504 (the instance failed, none is up, none answered in time), where a service does not describe them.
 *     {@code security: []} on an operation the gateway only forwards with a token is removed.</li>
 * </ul>
 */
public final class OpenApiMerger {
    /** Paths of a service that only other services call, which the gateway never routes. */
    static final String INTERNAL = "/internal/";

    static final String PROBLEM = "#/components/schemas/Problem";
    private static final Set<String> SAFE = Set.of("get", "head", "options");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Map<String, String> GATEWAY_ANSWERS = new LinkedHashMap<>();

    static {
        GATEWAY_ANSWERS.put("401", "No valid bearer token (the gateway forwards no call without one)");
        GATEWAY_ANSWERS.put("403", "The token's role does not allow this (the gateway refuses every change an auditor asks for)");
        GATEWAY_ANSWERS.put("413", "The body is larger than this route takes (the gateway refuses it from its Content-Length)");
        GATEWAY_ANSWERS.put("502", "The service instance failed while answering a call that may not be sent twice; the client decides");
        GATEWAY_ANSWERS.put("503", "No instance of the service is up; retry later");
        GATEWAY_ANSWERS.put("504", "The service did not answer in time");
    }

    /** One line of the route table: paths under {@code prefixes} go to {@code service}. */
    public record Rule(String service, List<String> prefixes, List<String> publicPrefixes) {
        boolean matches(String path) {
            return prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
        }

        boolean isPublic(String path) {
            return publicPrefixes.stream().anyMatch(p -> path.startsWith(p + "/"));
        }

        int longest() {
            return prefixes.stream().mapToInt(String::length).max().orElse(0);
        }
    }

    /** The merged document, and the service operations it could not place ("grants: get /x"). */
    public record Merged(Map<String, Object> document, List<String> unrouted, Map<String, Map<String, String>> renamed) {
    }

    private OpenApiMerger() {
    }

    /**
     * @param gateway  the gateway's own document
     * @param services each service's document by service name (the route table's names), in order
     * @param rules    the route table
     */
    @SuppressWarnings("unchecked")
    public static Merged merge(Map<String, Object> gateway, Map<String, Map<String, Object>> services, List<Rule> rules) {
        List<Rule> ordered = rules.stream().sorted(Comparator.comparingInt(Rule::longest).reversed()).toList();
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("openapi", gateway.getOrDefault("openapi", "3.0.1"));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", "GrantLine API");
        info.put("description", "Everything a client can call through the GrantLine gateway: its own operations (sign-in, "
                + "tokens, users) and those it forwards to the services, under the paths a client uses. Errors are "
                + "application/problem+json. Each operation names the app that answers it in `x-grantline-service`.");
        info.put("version", ((Map<String, Object>) gateway.getOrDefault("info", Map.of())).getOrDefault("version", "0.1"));
        merged.put("info", info);
        merged.put("servers", List.of(Map.of("url", "/", "description", "The gateway")));
        merged.put("security", gateway.getOrDefault("security", List.of()));
        Map<String, Object> tags = new LinkedHashMap<>();
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Map<String, Object>> components = new LinkedHashMap<>();
        List<String> unrouted = new ArrayList<>();
        Map<String, Map<String, String>> renamed = new LinkedHashMap<>();

        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        all.put("gateway", gateway);
        all.putAll(services);
        for (Map.Entry<String, Map<String, Object>> entry : all.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> document = entry.getValue();
            boolean own = name.equals("gateway");
            Map<String, String> renames = renamesFor(name, components, (Map<String, Object>) document.getOrDefault("components", Map.of()));
            if (!renames.isEmpty()) {
                renamed.put(name, renames);
            }
            Map<String, Object> doc = (Map<String, Object>) rewrite(document, renames);
            addComponents(name, components, (Map<String, Object>) doc.getOrDefault("components", Map.of()), renames);
            for (Object tag : (List<Object>) doc.getOrDefault("tags", List.of())) {
                tags.putIfAbsent(String.valueOf(((Map<String, Object>) tag).get("name")), tag);
            }
            Map<String, Object> docPaths = (Map<String, Object>) doc.getOrDefault("paths", Map.of());
            for (Map.Entry<String, Object> item : docPaths.entrySet()) {
                String path = item.getKey();
                Rule rule = ordered.stream().filter(r -> r.matches(path)).findFirst().orElse(null);
                if (own && rule != null) {
                    throw new IllegalStateException("gateway: " + path + " is under the route to " + rule.service()
                            + ", so the gateway forwards it and its own operation is never reached");
                }
                Map<String, Object> operations = (Map<String, Object>) item.getValue();
                if (!own && rule == null && path.startsWith(INTERNAL)) {
                    continue;   // service to service by design, never routed: not part of what a client can call
                }
                if (!own && (rule == null || !rule.service().equals(name))) {
                    operations.keySet().stream().filter(METHODS::contains)
                            .forEach(m -> unrouted.add(name + ": " + m + " " + path
                                    + (rule == null ? " (no route)" : " (routed to " + rule.service() + ")")));
                    continue;
                }
                if (paths.containsKey(path)) {
                    throw new IllegalStateException(name + ": " + path + " is also in another document");
                }
                Map<String, Object> target = new LinkedHashMap<>();
                for (Map.Entry<String, Object> op : operations.entrySet()) {
                    if (!METHODS.contains(op.getKey())) {
                        target.put(op.getKey(), op.getValue());
                        continue;
                    }
                    Map<String, Object> operation = (Map<String, Object>) op.getValue();
                    if (operation.get("operationId") != null) {
                        operation.put("operationId", name + "_" + operation.get("operationId"));
                    }
                    operation.put("x-grantline-service", name);
                    if (!own) {
                        throughGateway(op.getKey(), path, operation, rule);
                    }
                    target.put(op.getKey(), operation);
                }
                paths.put(path, target);
            }
        }
        if (!tags.isEmpty()) {
            merged.put("tags", new ArrayList<>(tags.values()));
        }
        merged.put("paths", paths);
        Map<String, Object> sortedComponents = new LinkedHashMap<>();
        components.forEach((kind, byName) -> sortedComponents.put(kind, new java.util.TreeMap<>(byName)));
        merged.put("components", sortedComponents);
        return new Merged(merged, unrouted, renamed);
    }

    /** What the gateway adds to a forwarded operation. */
    @SuppressWarnings("unchecked")
    private static void throughGateway(String method, String path, Map<String, Object> operation, Rule rule) {
        boolean open = rule.isPublic(path) && SAFE.contains(method);
        if (!open && List.of().equals(operation.get("security"))) {
            operation.remove("security");
        }
        Map<String, Object> responses = (Map<String, Object>) operation.computeIfAbsent("responses", k -> new LinkedHashMap<>());
        Set<String> add = new TreeSet<>(Set.of("502", "503", "504"));
        if (!open) {
            add.add("401");
        }
        if (!SAFE.contains(method)) {
            add.add("403");
        }
        if (operation.containsKey("requestBody")) {
            add.add("413");
        }
        Map<String, Object> sorted = new java.util.TreeMap<>(responses);
        for (String code : add) {
            if (!sorted.containsKey(code)) {
                Map<String, Object> response = new LinkedHashMap<>();
                response.put("description", GATEWAY_ANSWERS.get(code));
                response.put("content", Map.of("application/problem+json", Map.of("schema", Map.of("$ref", PROBLEM))));
                sorted.put(code, response);
            }
        }
        responses.clear();
        responses.putAll(sorted);
    }

    /**
     * The components of {@code name}'s document that must be renamed: one whose name is taken by a
     * different component, until no more are (a component referring to a renamed one differs too).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> renamesFor(String name, Map<String, Map<String, Object>> merged, Map<String, Object> own) {
        Map<String, String> renames = new LinkedHashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<String, Object> rewritten = (Map<String, Object>) rewrite(own, renames);
            for (Map.Entry<String, Object> kind : rewritten.entrySet()) {
                Map<String, Object> existing = merged.getOrDefault(kind.getKey(), Map.of());
                for (Map.Entry<String, Object> component : ((Map<String, Object>) kind.getValue()).entrySet()) {
                    String ref = "#/components/" + kind.getKey() + "/" + component.getKey();
                    if (existing.containsKey(component.getKey()) && !existing.get(component.getKey()).equals(component.getValue())
                            && !renames.containsKey(ref)) {
                        if (kind.getKey().equals("securitySchemes")) {
                            throw new IllegalStateException(name + ": the security scheme " + component.getKey()
                                    + " differs from the one of the same name in another document");
                        }
                        renames.put(ref, "#/components/" + kind.getKey() + "/" + name + "." + component.getKey());
                        changed = true;
                    }
                }
            }
        }
        return renames;
    }

    @SuppressWarnings("unchecked")
    private static void addComponents(String name, Map<String, Map<String, Object>> merged, Map<String, Object> own,
                                      Map<String, String> renames) {
        for (Map.Entry<String, Object> kind : own.entrySet()) {
            Map<String, Object> target = merged.computeIfAbsent(kind.getKey(), k -> new LinkedHashMap<>());
            for (Map.Entry<String, Object> component : ((Map<String, Object>) kind.getValue()).entrySet()) {
                String ref = "#/components/" + kind.getKey() + "/" + component.getKey();
                String key = renames.containsKey(ref) ? renames.get(ref).substring(renames.get(ref).lastIndexOf('/') + 1)
                        : component.getKey();
                Object previous = target.putIfAbsent(key, component.getValue());
                if (previous != null && !previous.equals(component.getValue())) {
                    throw new IllegalStateException(name + ": component " + key + " collides after renaming");
                }
            }
        }
    }

    /** A deep copy with every {@code $ref} in {@code renames} replaced. */
    @SuppressWarnings("unchecked")
    static Object rewrite(Object node, Map<String, String> renames) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object value = e.getValue();
                if ("$ref".equals(e.getKey()) && value instanceof String ref && renames.containsKey(ref)) {
                    value = renames.get(ref);
                } else {
                    value = rewrite(value, renames);
                }
                copy.put(String.valueOf(e.getKey()), value);
            }
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(rewrite(v, renames)));
            return copy;
        }
        return node;
    }

    /** Every "method path" of a document's operations. */
    @SuppressWarnings("unchecked")
    public static Set<String> operations(Map<String, Object> document) {
        Set<String> ops = new HashSet<>();
        ((Map<String, Object>) document.getOrDefault("paths", Map.of())).forEach((path, item) ->
                ((Map<String, Object>) item).keySet().stream().filter(METHODS::contains).forEach(m -> ops.add(m + " " + path)));
        return ops;
    }
}

package org.grantline.shared.test;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.micronaut.json.JsonMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A service's published OpenAPI document as a test oracle: every answer a test receives through a
 * {@link TestHttp} built with it must be one the document describes — the operation, the status,
 * the required headers, the media type and, for JSON (problems included), the body against its
 * schema (networknt json-schema-validator, OpenAPI 3.0 dialect, resolving the document's own
 * {@code $ref}s). Anything else is an {@link AssertionError} naming what the document lacks.
 */
public final class OpenApiContract {
    private static final String DOCUMENT = "https://grantline.invalid/openapi.json";

    private final Map<String, Object> document;
    private final SchemaRegistry schemas;
    private final List<String> checked = new ArrayList<>();

    private OpenApiContract(Map<String, Object> document) {
        this.document = document;
        String json;
        try {
            json = JsonMapper.createDefault().writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), b -> b.schemas(Map.of(DOCUMENT, json)));
    }

    /** The document as the running service publishes it, at {@code /openapi/<name>.yml}. */
    public static OpenApiContract published(String base, String name) {
        TestHttp.Response answer = new TestHttp(base).get("/openapi/" + name + ".yml", null);
        if (answer.status() != 200) {
            throw new AssertionError("the service publishes no document at /openapi/" + name + ".yml: " + answer);
        }
        return of(answer.body());
    }

    @SuppressWarnings("unchecked")
    public static OpenApiContract of(String yaml) {
        return new OpenApiContract(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
    }

    /** "METHOD /template -> status" of every answer checked so far. */
    public List<String> checked() {
        return List.copyOf(checked);
    }

    /** Fails unless the document describes this answer to {@code method path} (a query string is ignored). */
    @SuppressWarnings("unchecked")
    public void check(String method, String path, TestHttp.Response answer) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
        String template = paths.keySet().stream().filter(t -> matches(t, bare))
                .max(Comparator.comparingInt(t -> t.replaceAll("\\{[^}]+}", "").length()))
                .orElseThrow(() -> new AssertionError(method + " " + bare + " is not in the document; it answered " + answer));
        String verb = method.toLowerCase(Locale.ROOT);
        Map<String, Object> operation = (Map<String, Object>) ((Map<String, Object>) paths.get(template)).get(verb);
        if (operation == null) {
            throw new AssertionError(method + " " + template + " is not in the document; it answered " + answer);
        }
        Map<String, Object> responses = (Map<String, Object>) operation.getOrDefault("responses", Map.of());
        String code = String.valueOf(answer.status());
        String key = responses.containsKey(code) ? code
                : responses.containsKey(code.charAt(0) + "XX") ? code.charAt(0) + "XX"
                : responses.containsKey("default") ? "default" : null;
        String where = method + " " + template + " -> " + answer.status();
        if (key == null) {
            throw new AssertionError(where + ": the document describes only " + responses.keySet() + "; the answer was " + answer);
        }
        Map<String, Object> response = (Map<String, Object>) responses.get(key);
        Map<String, Object> headers = (Map<String, Object>) response.getOrDefault("headers", Map.of());
        headers.forEach((name, header) -> {
            if (Boolean.TRUE.equals(((Map<String, Object>) header).get("required")) && answer.header(name) == null) {
                throw new AssertionError(where + ": the document requires the header " + name + ", which is missing");
            }
        });
        Map<String, Object> content = (Map<String, Object>) response.get("content");
        String body = answer.body() == null ? "" : answer.body();
        if (content == null || content.isEmpty()) {
            if (!body.isBlank()) {
                throw new AssertionError(where + ": the document describes no body, the answer has one: " + body);
            }
            checked.add(where);
            return;
        }
        if (body.isEmpty() && answer.status() == 206) {
            checked.add(where);
            return;
        }
        String type = Optional.ofNullable(answer.header("Content-Type")).map(t -> t.split(";")[0].strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new AssertionError(where + ": the answer has a body but no Content-Type"));
        String media = content.keySet().stream().filter(m -> mediaMatches(m, type)).findFirst()
                .orElseThrow(() -> new AssertionError(where + ": the answer is " + type + ", the document says " + content.keySet()));
        Map<String, Object> described = (Map<String, Object>) content.get(media);
        if ((type.equals("application/json") || type.endsWith("+json")) && described != null && described.get("schema") != null) {
            String pointer = "/paths/" + escape(template) + "/" + verb + "/responses/" + escape(key) + "/content/" + escape(media) + "/schema";
            Schema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer));
            List<Error> errors = schema.validate(body, InputFormat.JSON);
            if (!errors.isEmpty()) {
                throw new AssertionError(where + ": the body does not match the document: " + errors + "\nbody: " + body);
            }
        }
        checked.add(where);
    }

    private static boolean matches(String template, String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return path.matches(regex.toString());
    }

    private static boolean mediaMatches(String documented, String actual) {
        String d = documented.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return d.equals(actual) || d.equals("*/*") || (d.endsWith("/*") && actual.startsWith(d.substring(0, d.length() - 1)));
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** One request of the malformed-id sweep: a method, a path with a malformed UUID in it, and a body for writes. */
    public record Probe(String method, String path, Object body) {
    }

    /**
     * For every operation of {@code yaml} with a UUID in its path: the same path with {@code not-a-uuid} in place of that
     * id (other path variables filled with a random UUID) and {@code {}} as the body of a POST or PUT. Whatever such a
     * request answers (a 400 naming the field, or a caller's 401/403) must be an answer the document describes.
     */
    @SuppressWarnings("unchecked")
    public static List<Probe> malformedIdProbes(String yaml) {
        Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        List<Probe> probes = new ArrayList<>();
        for (Map.Entry<String, Object> item : ((Map<String, Object>) document.get("paths")).entrySet()) {
            if (!item.getKey().contains("{")) {
                continue;
            }
            for (Map.Entry<String, Object> op : ((Map<String, Object>) item.getValue()).entrySet()) {
                if (!List.of("get", "post", "put", "delete").contains(op.getKey())) {
                    continue;
                }
                List<Map<String, Object>> parameters = (List<Map<String, Object>>) ((Map<String, Object>) op.getValue())
                        .getOrDefault("parameters", List.of());
                String path = item.getKey();
                boolean uuid = false;
                for (Map<String, Object> parameter : parameters) {
                    Map<String, Object> schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
                    if ("path".equals(parameter.get("in")) && "uuid".equals(schema.get("format"))) {
                        path = path.replace("{" + parameter.get("name") + "}", "not-a-uuid");
                        uuid = true;
                    }
                }
                if (uuid) {
                    String method = op.getKey().toUpperCase(Locale.ROOT);
                    probes.add(new Probe(method, path.replaceAll("\\{[^}]+}", java.util.UUID.randomUUID().toString()),
                            method.equals("POST") || method.equals("PUT") ? "{}" : null));
                }
            }
        }
        return probes;
    }
}

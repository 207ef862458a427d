package org.grantline.shared.openapi;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs before packaging (exec-maven-plugin, phase prepare-package) on the documents micronaut-openapi
 * wrote to {@code META-INF/swagger}: the operations that need no token get {@code security: []} (the
 * document's default is a bearer token). micronaut-openapi 6.20 cannot write an empty security list
 * (nor an extension from a meta-annotation to mark them), so each app names them in its pom
 * ({@code grantline.openapi.anonymous}).
 */
public final class OpenApiFinisher {
    private OpenApiFinisher() {
    }

    /**
     * {@code args[0]}: the classes directory; {@code args[1]} (optional): anonymous operations of other
     * libraries' controllers, with their summary: {@code "get /keys=The JSON Web Key Set;post /x=..."}.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0], "META-INF", "swagger");
        Map<String, String> more = anonymous(args.length > 1 ? args[1] : null);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                finish(file, more);
            }
        }
    }

    /** The pom's list ({@code "get /keys=The JSON Web Key Set;post /x"}): operation to its summary (or null). */
    public static Map<String, String> anonymous(String list) {
        Map<String, String> more = new java.util.HashMap<>();
        if (list != null && !list.isBlank()) {
            for (String entry : list.split(";")) {
                int eq = entry.indexOf('=');
                more.put((eq < 0 ? entry : entry.substring(0, eq)).strip(), eq < 0 ? null : entry.substring(eq + 1).strip());
            }
        }
        return more;
    }

    static boolean finish(Path file, Map<String, String> more) throws IOException {
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setWidth(120);
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(dump), dump);
        Map<String, Object> document = yaml.load(Files.readString(file, StandardCharsets.UTF_8));
        boolean changed = finish(document, more);
        if (changed) {
            Files.writeString(file, yaml.dump(document), StandardCharsets.UTF_8);
        }
        return changed;
    }

    /**
     * Marks the listed operations of a document read by SnakeYAML anonymous ({@code security: []}, and
     * the summary if it has none); true if any was listed. Doing it twice changes nothing more.
     */
    @SuppressWarnings("unchecked")
    public static boolean finish(Map<String, Object> document, Map<String, String> more) {
        Object paths = document == null ? null : document.get("paths");
        boolean changed = false;
        if (paths instanceof Map<?, ?> pathMap) {
            for (Map.Entry<?, ?> item : pathMap.entrySet()) {
                if (item.getValue() instanceof Map<?, ?> operations) {
                    for (Map.Entry<?, ?> operation : operations.entrySet()) {
                        String key = operation.getKey() + " " + item.getKey();
                        if (operation.getValue() instanceof Map<?, ?> op && more.containsKey(key)) {
                            Map<String, Object> o = (Map<String, Object>) op;
                            if (more.get(key) != null && !o.containsKey("summary")) {
                                o.put("summary", more.get(key));
                            }
                            o.put("security", new ArrayList<>(List.of()));
                            changed = true;
                        }
                    }
                }
            }
        }
        boolean headers = headerStrings(paths);
        return keySet(paths) || headers || changed;
    }

    /**
     * A header parameter declared with {@code @Parameter(in = HEADER, schema = @Schema(type = "string"))}
     * comes out of micronaut-openapi 6.20 as {@code type: object} (the {@code schema} member is lost); a
     * header is a string, and {@code Idempotency-Key} ({@link Idempotent}) has its limits.
     */
    @SuppressWarnings("unchecked")
    private static boolean headerStrings(Object paths) {
        boolean changed = false;
        if (!(paths instanceof Map<?, ?> pathMap)) {
            return false;
        }
        for (Object item : pathMap.values()) {
            if (!(item instanceof Map<?, ?> operations)) {
                continue;
            }
            for (Object op : operations.values()) {
                if (!(op instanceof Map<?, ?> operation) || !(operation.get("parameters") instanceof List<?> parameters)) {
                    continue;
                }
                for (Object p : parameters) {
                    if (p instanceof Map<?, ?> parameter && "header".equals(parameter.get("in"))
                            && parameter.get("schema") instanceof Map<?, ?> schema && "object".equals(schema.get("type"))
                            && !schema.containsKey("properties")) {
                        Map<String, Object> string = new java.util.LinkedHashMap<>();
                        string.put("type", "string");
                        if (Idempotent.HEADER.equals(parameter.get("name"))) {
                            string.put("minLength", 1);
                            string.put("maxLength", 255);
                            string.put("pattern", "^[\\x21-\\x7E]{1,255}$");
                        }
                        ((Map<String, Object>) parameter).put("schema", string);
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    /**
     * micronaut-security's {@code GET /keys} (KeysController, documented by {@code @OpenAPIInclude}) returns
     * a {@code Publisher<String>}, which micronaut-openapi writes as an array of strings; the answer is one
     * JSON Web Key Set object (RFC 7517). The gateway's contract test found it.
     */
    @SuppressWarnings("unchecked")
    private static boolean keySet(Object paths) {
        if (!(paths instanceof Map<?, ?> pathMap) || !(pathMap.get("/keys") instanceof Map<?, ?> item)
                || !(item.get("get") instanceof Map<?, ?> get) || !(get.get("responses") instanceof Map<?, ?> responses)
                || !(responses.get("200") instanceof Map<?, ?> ok)) {
            return false;
        }
        Map<String, Object> key = new java.util.LinkedHashMap<>();
        key.put("type", "object");
        key.put("required", List.of("kty"));
        key.put("properties", new java.util.LinkedHashMap<>(Map.of("kty", Map.of("type", "string", "example", "RSA"),
                "kid", Map.of("type", "string"), "use", Map.of("type", "string", "example", "sig"),
                "alg", Map.of("type", "string", "example", "RS256"), "n", Map.of("type", "string"), "e", Map.of("type", "string"))));
        Map<String, Object> set = new java.util.LinkedHashMap<>();
        set.put("type", "object");
        set.put("required", List.of("keys"));
        set.put("properties", Map.of("keys", Map.of("type", "array", "items", key)));
        Map<String, Object> response = (Map<String, Object>) ok;
        response.put("description", "The JSON Web Key Set (RFC 7517): the public keys that tokens are signed with");
        response.put("content", new java.util.LinkedHashMap<>(Map.of("application/json", Map.of("schema", set))));
        return true;
    }
}

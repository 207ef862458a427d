package org.grantline.gateway;

import org.grantline.shared.test.TestDatabase;
import org.grantline.shared.test.TestHttp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the gateway on a test database with a bootstrap admin; helpers to create users and sign in. */
public final class GatewayTestSupport {
    public static final String PASSWORD = "correct horse battery";
    public static final String NOTIFICATIONS_SECRET = "notifications-test-secret-0123456789";

    private GatewayTestSupport() {
    }

    public static String unique(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, String> properties(String adminUsername) {
        Map<String, String> properties = new HashMap<>();
        TestDatabase.properties("gateway").forEach((k, v) -> properties.put(k, v.toString()));
        try {
            Path keyDir = Files.createTempDirectory("gateway-key");
            properties.put("grantline.jwt.key-file", keyDir.resolve("jwt-signing-key.json").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("grantline.bootstrap-admin.username", adminUsername);
        properties.put("grantline.bootstrap-admin.password", PASSWORD);
        properties.put("grantline.service-clients.notifications.secret", NOTIFICATIONS_SECRET);
        return properties;
    }

    public static Map<String, Object> login(TestHttp http, String username, String password) {
        TestHttp.Response response = http.post("/login", null, Map.of("username", username, "password", password));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    public static String accessToken(TestHttp http, String username) {
        return (String) login(http, username, PASSWORD).get("access_token");
    }

    /**
     * POSTs JSON from a chosen loopback address (127.0.0.2, 127.0.0.3, ...), so that the gateway sees
     * a different client address: returns the status code and the raw response head and body.
     */
    public static RawResponse postFrom(String sourceAddress, java.net.URL server, String path, String json,
                                       Map<String, String> headers) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(sourceAddress, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.getPort()), 5000);
            socket.setSoTimeout(30_000);
            byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            socket.getOutputStream().write(head.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            return new RawResponse(status, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record RawResponse(int status, String text) {
    }

    /** The id of a user, found through the admin API. */
    @SuppressWarnings("unchecked")
    public static String userId(TestHttp http, String adminToken, String username) {
        for (int page = 0; page < 100; page++) {
            List<Map<String, Object>> items = (List<Map<String, Object>>) http.get("/api/users?size=100&page=" + page, adminToken)
                    .json().get("items");
            for (Map<String, Object> u : items) {
                if (username.equals(u.get("username"))) {
                    return (String) u.get("id");
                }
            }
            if (items.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no user " + username);
    }

    /** Creates a user through the admin API and returns its username. */
    public static String createUser(TestHttp http, String adminToken, String prefix, List<String> roles, UUID jurisdiction) {
        String username = unique(prefix);
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", "Test " + username,
                "password", PASSWORD, "roles", roles));
        if (jurisdiction != null) {
            body.put("jurisdictionId", jurisdiction.toString());
        }
        TestHttp.Response created = http.post("/api/users", adminToken, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }
}

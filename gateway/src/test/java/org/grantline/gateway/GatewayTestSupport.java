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

package org.grantline.gateway.user;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;

/** The gateway takes JSON literally too: wrong JSON types, duplicate keys and content after the document are a 400. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserStrictJsonTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");

    @Inject
    EmbeddedServer server;
    TestHttp http;
    String admin;

    @Override
    public Map<String, String> getProperties() {
        return GatewayTestSupport.properties(ADMIN);
    }

    @BeforeAll
    void signIn() {
        http = new TestHttp(server.getURL().toString());
        admin = GatewayTestSupport.accessToken(http, ADMIN);
    }

    @Test
    void aUserThatIsNotTakenLiterallyIsNotCreated() {
        String username = GatewayTestSupport.unique("strict");
        String good = "{\"username\":\"" + username + "\",\"displayName\":\"Strict\",\"password\":\"" + PASSWORD + "\",";
        for (Map.Entry<String, String> bad : Map.of(
                good + "\"roles\":\"DOJ_OFFICER\"}", "roles",
                good + "\"roles\":[\"DOJ_OFFICER\"],\"displayName\":\"Twice\"}", "displayName",
                good + "\"roles\":[\"DOJ_OFFICER\"],\"email\":12}", "email",
                good + "\"roles\":[\"DOJ_OFFICER\"]} and more", "body").entrySet()) {
            TestHttp.Response response = http.post("/api/users", admin, bad.getKey());
            assertThat(response.status()).as(bad.getKey() + " -> " + response).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.body()).contains("\"field\":\"" + bad.getValue() + "\"");
        }
        List<?> users = (List<?>) http.get("/api/users?size=100", admin).json().get("items");
        assertThat(users.toString()).doesNotContain(username);
    }
}

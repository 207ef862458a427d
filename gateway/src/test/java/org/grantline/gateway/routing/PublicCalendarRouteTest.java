package org.grantline.gateway.routing;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifications paths fetched or followed without a token, and only those pass the gateway without one: calendar
 * feeds (calendar apps send none) and the signed links in reminder emails (RFC 8058 one-click unsubscribe, a contact's
 * choices: GET and POST of that path alone; the notifications service checks the signature).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicCalendarRouteTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    final StubService notifications = new StubService("notifications-1");

    @Inject
    EmbeddedServer server;
    TestHttp http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        p.put("micronaut.http.services.notifications.urls", notifications.url());
        return p;
    }

    @BeforeAll
    void client() {
        http = new TestHttp(server.getURL().toString());
    }

    @AfterAll
    void stop() {
        notifications.close();
    }

    @Test
    void aCalendarFeedUrlReachesTheNotificationsServiceWithoutAToken() {
        TestHttp.Response response = http.get("/api/calendar/ics/secret-token.ics", null);
        assertThat(response.status()).isEqualTo(201);
        assertThat(notifications.received).anySatisfy(r -> assertThat(r.pathAndQuery()).isEqualTo("/api/calendar/ics/secret-token.ics"));
    }

    @Test
    void everythingElseOfTheServiceStillNeedsAToken() {
        int before = notifications.received.size();
        assertThat(http.get("/api/calendar/feeds", null).status()).isEqualTo(401);
        assertThat(http.get("/api/calendar/icsx/a", null).status()).isEqualTo(401);
        assertThat(http.get("/api/notifications", null).status()).isEqualTo(401);
        assertThat(http.post("/api/calendar/ics/secret-token.ics", null, Map.of()).status()).isEqualTo(401);
        assertThat(notifications.received.size()).isEqualTo(before);
    }

    @Test
    void aOneClickUnsubscribePostReachesTheNotificationsServiceWithoutAToken() {
        TestHttp.Response get = http.get("/api/notifications/links/abc.def/unsubscribe", null);
        assertThat(get.status()).isEqualTo(201);
        TestHttp.Response post = http.send("POST", "/api/notifications/links/abc.def/unsubscribe", null, "List-Unsubscribe=One-Click",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(post.status()).isEqualTo(201);
        assertThat(notifications.received).anySatisfy(r -> assertThat(r.pathAndQuery()).isEqualTo("/api/notifications/links/abc.def/unsubscribe"));
    }

    @Test
    void theRestOfNotificationsStillNeedsAToken() {
        int before = notifications.received.size();
        assertThat(http.get("/api/notifications/preferences/me", null).status()).isEqualTo(401);
        assertThat(http.put("/api/notifications/preferences/me", null, Map.of()).status()).isEqualTo(401);
        assertThat(http.post("/api/notifications/linksx/a", null, Map.of()).status()).isEqualTo(401);
        assertThat(http.post("/api/calendar/ics/secret-token.ics", null, Map.of()).status()).isEqualTo(401);
        assertThat(notifications.received.size()).isEqualTo(before);
    }
}

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

/** Calendar feeds are fetched by calendar apps that send no token: only that path passes the gateway without one. */
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
}

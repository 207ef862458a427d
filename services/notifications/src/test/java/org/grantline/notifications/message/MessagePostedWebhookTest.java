package org.grantline.notifications.message;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.grantline.notifications.NotificationsServiceTest;
import org.grantline.notifications.TestClock;
import org.grantline.notifications.delivery.ReminderRunner;
import org.grantline.notifications.webhook.WebhookSignature;
import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.OpenApiContract;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared conversation message reaches the registered webhooks too (event {@code message.posted}):
 * those serving its jurisdiction and DOJ's for every one, not another jurisdiction's; signed as
 * reminders' posts are, retried after a failure, posted once when delivered, without the message's
 * text; the owner sees each post's outcome. A receiver on this machine, as the embedded default allows.
 */
class MessagePostedWebhookTest extends NotificationsServiceTest {
    @Inject
    ReminderRunner runner;
    @Inject
    JsonMapper json;

    /** What a receiver got: the signature header, the delivery header and the body. */
    record Post(String signature, String delivery, String body) {
    }

    @Override
    protected void properties(Map<String, String> p) {
        p.put("grantline.notifications.webhook-local-targets", "true");
    }

    @BeforeAll
    void start() {
        String published = new TestHttp(server.getURL().toString()).get("/openapi/notifications.yml", null).body();
        http = new TestHttp(server.getURL().toString(), OpenApiContract.of(published));
        TestClock.set(Instant.parse("2036-03-03T15:00:00Z"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> read(String body) throws Exception {
        return json.readValue(body, Map.class);
    }

    /** The webhook's message deliveries as its owner sees them. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> messageDeliveries(String hook, String token) {
        TestHttp.Response r = http.get("/api/notifications/webhooks/" + hook + "/message-deliveries", token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return (List<Map<String, Object>>) (List<?>) r.jsonList();
    }

    @Test
    void aSharedMessageIsPostedSignedToTheWebhooksThatServeItsJurisdictionRetriedAndPostedOnce() throws Exception {
        UUID city = registry.jurisdiction("Rockville", "MD", "America/New_York");
        registry.contact(city, "GRANT_MANAGER", "manager.rockville@city.test");
        UUID other = registry.jurisdiction("Laurel", "MD", "America/New_York");
        Map<String, List<Post>> received = new HashMap<>();
        AtomicInteger cityCalls = new AtomicInteger();
        StubServer receiver = StubServer.start();
        for (String path : List.of("/city", "/other", "/doj")) {
            List<Post> posts = new CopyOnWriteArrayList<>();
            received.put(path, posts);
            receiver.on("POST", path, r -> {
                posts.add(new Post(r.header(WebhookSignature.HEADER), r.header("X-GrantLine-Delivery"), r.text()));
                return StubServer.Answer.empty(path.equals("/city") && cityCalls.incrementAndGet() == 1 ? 500 : 204);
            });
        }
        Instant now = TestClock.now();
        try {
            String base = receiver.url();
            TestHttp.Response cityHook = http.post("/api/notifications/webhooks", TOKENS.official(city), Map.of("url", base + "/city"));
            assertThat(cityHook.status()).as(cityHook.toString()).isEqualTo(201);
            String secret = (String) cityHook.json().get("secret");
            String hook = (String) cityHook.json().get("id");
            assertThat(http.post("/api/notifications/webhooks", TOKENS.official(other), Map.of("url", base + "/other")).status()).isEqualTo(201);
            assertThat(http.post("/api/notifications/webhooks", TOKENS.dojOfficer(), Map.of("url", base + "/doj")).status()).isEqualTo(201);

            UUID requirement = UUID.randomUUID();
            UUID messageId = UUID.randomUUID();
            Map<String, Object> notice = MessageNoticeTest.notice(messageId, requirement, city, true);
            TestHttp.Response announced = http.post("/internal/message-notices", TOKENS.service("grants"), notice);
            assertThat(announced.status()).as(announced.toString()).isEqualTo(200);

            runner.deliver();
            assertThat(received.get("/other")).as("another jurisdiction's webhook").isEmpty();
            assertThat(received.get("/doj")).as("DOJ's webhook serves every jurisdiction").hasSize(1);
            assertThat(received.get("/city")).hasSize(1);
            assertThat(messageDeliveries(hook, TOKENS.official(city))).singleElement().satisfies(d -> {
                assertThat(d).containsEntry("messageId", messageId.toString()).containsEntry("status", "FAILED")
                        .containsEntry("attempts", 1).containsEntry("lastError", "HTTP 500");
            });
            assertThat(http.get("/api/notifications/webhooks/" + hook + "/message-deliveries", TOKENS.official(other)).status())
                    .as("another jurisdiction's official").isEqualTo(404);

            TestClock.set(now.plus(Duration.ofMinutes(2)));   // past the first backoff (at most 30 s)
            runner.deliver();
            assertThat(received.get("/city")).hasSize(2);
            Post post = received.get("/city").get(1);
            long t = Long.parseLong(post.signature().split(",")[0].substring(2));
            assertThat(post.signature()).isEqualTo(WebhookSignature.header(secret, t, post.body()));
            assertThat(post.delivery()).isEqualTo(received.get("/city").get(0).delivery());
            Map<String, Object> event = read(post.body());
            assertThat(event).containsEntry("type", "message.posted").containsEntry("messageId", messageId.toString())
                    .containsEntry("requirementId", requirement.toString()).containsEntry("jurisdictionId", city.toString())
                    .containsEntry("authorRole", "DOJ_OFFICER").containsEntry("link", "https://grantline.test/#/requirements/" + requirement)
                    .containsEntry("deliveryId", post.delivery());
            assertThat(post.body()).as("not the message's text").doesNotContain("jail access policy").doesNotContain("Dana Officer");
            assertThat(messageDeliveries(hook, TOKENS.official(city))).singleElement()
                    .satisfies(d -> assertThat(d).containsEntry("status", "SENT").containsEntry("attempts", 2));

            TestClock.set(now.plus(Duration.ofMinutes(10)));
            runner.deliver();
            assertThat(received.get("/city")).as("posted once it was delivered").hasSize(2);
            assertThat(received.get("/doj")).hasSize(1);
            assertThat(http.get("/api/reminders/audit?entityType=message_webhook&entityId=" + post.delivery(), TOKENS.auditor()).body())
                    .contains("webhook.failed").contains("webhook.sent");
        } finally {
            TestClock.set(now);
            receiver.close();
        }
    }
}

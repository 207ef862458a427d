package org.grantline.notifications.account;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.grantline.notifications.NotificationsServiceTest;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.test.OpenApiContract;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notices about a person's own account (a second factor reset by an administrator): sent at once over
 * SMTP (GreenMail) with Auto-Submitted and without List-Unsubscribe, audited; only the gateway may ask;
 * mail down is a 503 and nothing is recorded as sent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountEmailTest extends NotificationsServiceTest {
    @Inject
    AuditTrail audit;

    @BeforeAll
    void start() {
        // Every answer below must be one the published document describes.
        String published = new TestHttp(server.getURL().toString()).get("/openapi/notifications.yml", null).body();
        http = new TestHttp(server.getURL().toString(), OpenApiContract.of(published));
    }

    static Map<String, Object> reset(UUID userId, String to) {
        return Map.of("kind", "SECOND_FACTOR_RESET", "userId", userId, "to", to, "displayName", "Dora <Officer>",
                "username", "dora.officer", "by", "root", "at", Instant.parse("2030-01-04T10:15:00Z").toString());
    }

    @Test
    @Order(1)
    void aSecondFactorResetIsEmailedToTheUserAtOnceWithoutAnUnsubscribeLink() throws Exception {
        UUID user = UUID.randomUUID();
        String to = "dora." + user.toString().substring(0, 8) + "@doj.test";
        TestHttp.Response r = http.post("/internal/account-emails", TOKENS.service("gateway"), reset(user, to));
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        MimeMessage m = Arrays.stream(smtp.getReceivedMessages())
                .filter(x -> GreenMailUtil.getAddressList(recipients(x)).contains(to)).findFirst().orElseThrow();
        assertThat(m.getSubject()).isEqualTo("Your GrantLine second factor was reset");
        assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(m.getHeader("List-Unsubscribe")).isNull();
        String body = GreenMailUtil.getBody(m);
        assertThat(body).contains("dora.officer", "4 January 2030, 10:15 UTC", "If you did not ask for this", "https://grantline.test/")
                .contains("Dora &lt;Officer&gt;").doesNotContain("Dora <Officer>,</p>");
        assertThat(audit.history("user", user)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("account-email.sent");
            assertThat(e.actor()).isEqualTo("gateway");
            assertThat(e.afterState()).contains(to, "SECOND_FACTOR_RESET");
        });
    }

    @Test
    @Order(2)
    void onlyTheGatewaysServiceTokenMaySendAccountNotices() {
        UUID user = UUID.randomUUID();
        for (String token : List.of(TOKENS.service("grants"), TOKENS.admin(), TOKENS.dojOfficer(), TOKENS.auditor())) {
            TestHttp.Response r = http.post("/internal/account-emails", token, reset(user, "x@doj.test"));
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.isProblem()).isTrue();
        }
        assertThat(http.post("/internal/account-emails", null, reset(user, "x@doj.test")).status()).isEqualTo(401);
        assertThat(audit.history("user", user)).isEmpty();
    }

    @Test
    @Order(3)
    void aMalformedOrUnknownKindIsA400Problem() {
        for (Map<String, Object> bad : List.of(reset(UUID.randomUUID(), "not-an-address"),
                with(reset(UUID.randomUUID(), "x@doj.test"), "kind", "PASSWORD_CHANGED"),
                with(reset(UUID.randomUUID(), "x@doj.test"), "displayName", "x".repeat(201)))) {
            TestHttp.Response r = http.post("/internal/account-emails", TOKENS.service("gateway"), bad);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.isProblem()).isTrue();
        }
    }

    @Test
    @Order(4)
    void mailDownIsA503AndNothingIsRecordedAsSent() {
        smtp.stop();
        UUID user = UUID.randomUUID();
        TestHttp.Response r = http.post("/internal/account-emails", TOKENS.service("gateway"), reset(user, "y@doj.test"));
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.json()).containsEntry("type", "urn:grantline:problem:mail-unavailable");
        assertThat(audit.history("user", user)).isEmpty();
    }

    private static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(m);
        copy.put(key, value);
        return copy;
    }

    private static jakarta.mail.Address[] recipients(MimeMessage m) {
        try {
            return m.getAllRecipients();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.grantline.notifications.invitation;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.grantline.notifications.NotificationsServiceTest;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's invitation emails: sent at once over SMTP (GreenMail) with Auto-Submitted; only the gateway's service token may ask. */
class InvitationEmailTest extends NotificationsServiceTest {
    static final String TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

    @Inject
    AuditTrail audit;

    Map<String, Object> command(UUID id, String to) {
        return Map.of("invitationId", id, "to", to, "displayName", "Ines Invitee", "username", "ines.invitee",
                "roles", List.of("JURISDICTION_OFFICIAL"), "invitedBy", "Agnes Admin", "token", TOKEN,
                "expiresAt", Instant.parse("2030-01-04T10:00:00Z").toString());
    }

    @Test
    void theGatewaysInvitationIsEmailedWithTheLinkAndAutoSubmittedAndAudited() throws Exception {
        UUID id = UUID.randomUUID();
        String to = "ines." + id.toString().substring(0, 8) + "@city.test";
        TestHttp.Response r = http.post("/internal/invitation-emails", TOKENS.service("gateway"), command(id, to));
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        MimeMessage m = Arrays.stream(smtp.getReceivedMessages())
                .filter(x -> GreenMailUtil.getAddressList(safeRecipients(x)).contains(to)).findFirst().orElseThrow();
        assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(m.getSubject()).isEqualTo("Your invitation to GrantLine");
        assertThat(GreenMailUtil.getBody(m)).contains("https://grantline.test/#/invitation/" + TOKEN);
        var events = audit.history("invitation", id);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("invitation-email.sent");
            assertThat(e.actor()).isEqualTo("gateway");
            assertThat(e.afterState()).contains(to).doesNotContain(TOKEN);
        });
    }

    @Test
    void onlyTheGatewaysServiceTokenMaySendInvitations() {
        UUID id = UUID.randomUUID();
        for (String token : List.of(TOKENS.service("grants"), TOKENS.admin(), TOKENS.dojOfficer())) {
            TestHttp.Response r = http.post("/internal/invitation-emails", token, command(id, "x@city.test"));
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.isProblem()).isTrue();
        }
        assertThat(http.post("/internal/invitation-emails", null, command(id, "x@city.test")).status()).isEqualTo(401);
        assertThat(audit.history("invitation", id)).isEmpty();
    }

    @Test
    void aMalformedRequestIsA400Problem() {
        Map<String, Object> bad = new HashMap<>(command(UUID.randomUUID(), "not-an-address"));
        TestHttp.Response r = http.post("/internal/invitation-emails", TOKENS.service("gateway"), bad);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.isProblem()).isTrue();
    }

    private static jakarta.mail.Address[] safeRecipients(MimeMessage m) {
        try {
            return m.getAllRecipients();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.grantline.notifications.api;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.grantline.notifications.NotificationsServiceTest;
import org.grantline.notifications.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * notifications-api end to end: declarative clients that extend its Operations, as grants' relays
 * and the gateway's mail client do, against notifications' real controllers, answer that API's records.
 */
class NotificationsApiContractTest extends NotificationsServiceTest {
    static final String NY = "America/New_York";

    /** As grants' {@code NotificationsIntake}, with the grants service's token. */
    @Client("/")
    @Header(name = "Authorization", value = "Bearer ${grantline.test.grants-token}")
    interface IntakeClient extends ReminderChangesOperations, MessageNoticeOperations {
    }

    /** As the gateway's {@code NotificationsMailClient}, with the gateway's token. */
    @Client("/")
    @Header(name = "Authorization", value = "Bearer ${grantline.test.gateway-token}")
    interface MailClient extends InvitationEmailOperations, AccountEmailOperations {
    }

    @Inject
    IntakeClient intake;
    @Inject
    MailClient mail;

    @Override
    protected void properties(Map<String, String> p) {
        p.put("grantline.test.grants-token", TOKENS.service("grants"));
        p.put("grantline.test.gateway-token", TOKENS.service("gateway"));
    }

    @Test
    void grantsIntakeClientAnnouncesChangesAndMessagesAsNotificationsApisRecords() {
        UUID city = registry.jurisdiction("Annapolis", "MD", NY);
        registry.contact(city, "GRANT_MANAGER", "m." + UUID.randomUUID().toString().substring(0, 8) + "@city.test");
        UUID requirement = grants.requirement(city, NY, LocalDate.of(2031, 9, 20), LocalTime.of(23, 59));
        TestClock.set(Instant.parse("2031-09-01T12:00:00Z"));
        ChangesResult result = intake.changed(new ChangesCommand(List.of(requirement, UUID.randomUUID())));
        assertThat(result.requirements()).as("the unknown id is left out").isEqualTo(1);
        assertThat(result.planned()).isPositive();
        assertThat(result.stopped()).isZero();

        MessageNoticeCommand notice = new MessageNoticeCommand(UUID.randomUUID(), SubjectKind.REQUIREMENT, requirement, city,
                "Compliance with 8 U.S.C. 1373", "Dana DOJ", "DOJ_OFFICER", true, "Please send the signed certification.",
                "/#/requirements/" + requirement, 0, Instant.parse("2031-09-01T12:00:00Z"), MessageNoticeKind.MESSAGE);
        assertThat(intake.announce(notice)).isEqualTo(new NoticeResult(true));
        assertThat(intake.announce(notice)).as("the same message again changes nothing").isEqualTo(new NoticeResult(false));
    }

    @Test
    void theGatewaysMailClientHasAnInvitationAndAnAccountNoticeEmailed() {
        UUID id = UUID.randomUUID();
        String to = "ines." + id.toString().substring(0, 8) + "@city.test";
        mail.send(new InvitationEmailCommand(id, to, "Ines Invitee", "ines.invitee", List.of("JURISDICTION_OFFICIAL"), "Agnes Admin",
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ", Instant.parse("2030-01-04T10:00:00Z")));
        mail.send(new AccountEmailCommand(AccountEmailCommand.Kind.SECOND_FACTOR_RESET, id, to, "Ines Invitee", "ines.invitee",
                "Agnes Admin", Instant.parse("2030-01-04T10:00:00Z")));
        assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> GreenMailUtil.getAddressList(recipients(m)).contains(to))
                .map(NotificationsApiContractTest::subject))
                .containsExactlyInAnyOrder("Your invitation to GrantLine", "Your GrantLine second factor was reset");
    }

    private static jakarta.mail.Address[] recipients(MimeMessage m) {
        try {
            return m.getAllRecipients();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

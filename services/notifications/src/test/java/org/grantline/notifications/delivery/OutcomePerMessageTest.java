package org.grantline.notifications.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micronaut.context.ApplicationContext;
import jakarta.mail.internet.MimeMessage;
import org.grantline.notifications.GrantsStub;
import org.grantline.notifications.JurisdictionStub;
import org.grantline.notifications.NotificationsTestSupport;
import org.grantline.notifications.SmtpRelay;
import org.grantline.notifications.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each email's outcome is in the database before the next email is begun: an SMTP relay in front of
 * GreenMail, on each sending thread's connection, looks the previous message's digest up at the
 * moment the client starts the next one (MAIL FROM, held back until the look-up is done). It must
 * already be SENT. (Recorded a batch at a time, every look-up but the first batch's would find
 * SENDING, and a crash would repeat the whole batch sent so far.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutcomePerMessageTest {
    final GrantsStub grants = new GrantsStub();
    final JurisdictionStub registry = new JurisdictionStub();
    final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    final List<String> seen = new CopyOnWriteArrayList<>();
    SmtpRelay relay;
    ApplicationContext app;
    String dbUrl;

    @BeforeAll
    void start() {
        smtp.start();
        relay = new SmtpRelay(smtp.getSmtp().getPort(), Duration.ZERO, previous -> seen.add(status(previous)));
        Map<String, Object> properties = new HashMap<>(NotificationsTestSupport.properties(grants, registry, relay.port()));
        properties.put("grantline.notifications.email-threads", "4");
        app = ApplicationContext.builder().properties(properties).environments("test").start();
        dbUrl = properties.get("datasources.default.url").toString();
        NotificationsTestSupport.resetFeed(ReplicasExactlyOnceTest.tx(app));
    }

    @AfterAll
    void stop() {
        app.close();
        relay.close();
        smtp.stop();
        grants.close();
        registry.close();
    }

    /** The digest's status as any other connection to the database sees it now (committed). */
    String status(UUID digest) {
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "");
             PreparedStatement ps = c.prepareStatement("SELECT status FROM email_digest WHERE id = ?")) {
            ps.setObject(1, digest);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "missing";
            }
        } catch (SQLException e) {
            return e.toString();
        }
    }

    @Test
    void eachOutcomeIsSentInTheDatabaseBeforeTheNextMessageIsBegun() throws Exception {
        Instant day = Instant.parse("2031-03-03T00:00:00Z");
        LocalDate deadline = LocalDate.ofInstant(day, ZoneOffset.UTC).plusDays(7);
        int recipients = 0;
        for (int i = 0; i < 20; i++) {
            UUID j = registry.jurisdiction("Town " + i, "NY", "America/New_York");
            registry.contact(j, "GRANT_MANAGER", "gm" + i + "@per-message.test");
            registry.contact(j, "CHIEF_LEGAL_OFFICER", "counsel" + i + "@per-message.test");
            recipients += 2;
            grants.requirement(j, "America/New_York", deadline, LocalTime.of(23, 59));
        }
        TestClock.set(day);
        ReminderRunner runner = app.getBean(ReminderRunner.class);
        runner.plan();
        TestClock.set(day.plus(Duration.ofHours(15)));   // past 09:00 New York time on the 7-day reminder's day
        ReminderRunner.Report report = runner.deliver();

        MimeMessage[] received = smtp.getReceivedMessages();
        List<String> to = new java.util.ArrayList<>();
        for (MimeMessage m : received) {
            to.add(m.getAllRecipients()[0].toString());
        }
        assertThat(report.emailsSent()).as("%s; received: %s", report, to).isEqualTo(recipients);
        assertThat(received).hasSize(recipients);
        // four connections, one per sending thread: every message but each connection's first was preceded by one
        assertThat(seen).as("look-ups of the previous message when the next began").hasSizeGreaterThanOrEqualTo(recipients - 4);
        assertThat(seen).as("the previous message's outcome when the next began").containsOnly("SENT");
    }
}

package org.grantline.notifications.plan;

import jakarta.inject.Inject;
import org.grantline.notifications.NotificationsServiceTest;
import org.grantline.notifications.NotificationsTestSupport;
import org.grantline.notifications.TestClock;
import org.grantline.notifications.delivery.ReminderRunner;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grants service's change announcements ({@code POST /api/reminders/changes}): the named
 * requirements are read back from the feed and planned at once, without waiting for the poll; only
 * the grants service may announce, and the body is checked.
 */
class ReminderChangesTest extends NotificationsServiceTest {
    static final String NY = "America/New_York";

    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx;
    @Inject
    ReminderRunner runner;

    @BeforeAll
    void start() {
        NotificationsTestSupport.resetFeed(tx);
    }

    UUID city(String manager) {
        UUID id = registry.jurisdiction("Annapolis", "MD", NY);
        registry.contact(id, "GRANT_MANAGER", manager);
        return id;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> schedule(UUID requirement) {
        TestHttp.Response r = http.get("/api/reminders/schedule?requirementId=" + requirement, TOKENS.dojOfficer());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return (List<Map<String, Object>>) (List<?>) r.jsonList();
    }

    TestHttp.Response announce(String token, Object ids) {
        return http.post("/api/reminders/changes", token, Map.of("requirementIds", ids));
    }

    long mailTo(String address) throws Exception {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    @Test
    void aReminderDueTenSecondsAfterAnAnnouncedSubmissionIsCancelledAndNotSentWithoutAPoll() throws Exception {
        String manager = "manager." + UUID.randomUUID().toString().substring(0, 8) + "@city.test";
        UUID requirement = grants.requirement(city(manager), NY, LocalDate.of(2031, 8, 20), LocalTime.of(23, 59));
        TestClock.set(Instant.parse("2031-08-19T12:00:00Z"));
        runner.plan();
        assertThat(schedule(requirement)).filteredOn(r -> r.get("offsetDays").equals(1)).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("dueAt", "2031-08-19T13:00:00Z").containsEntry("status", "PLANNED"));

        int planned = schedule(requirement).size();
        TestClock.set(Instant.parse("2031-08-19T12:59:50Z"));   // ten seconds before the reminder is due
        grants.status(requirement, "SUBMITTED");
        TestHttp.Response answer = announce(TOKENS.service("grants"), List.of(requirement.toString()));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("requirements", 1).containsEntry("stopped", planned);
        assertThat(schedule(requirement)).allSatisfy(r -> assertThat(r).containsEntry("status", "CANCELLED")
                .containsEntry("reason", "submitted"));

        TestClock.set(Instant.parse("2031-08-19T13:00:05Z"));
        runner.deliver();   // delivery only: no poll has run since the submission
        assertThat(mailTo(manager)).isZero();

        // Announced twice (at least once): nothing more changes.
        assertThat(announce(TOKENS.service("grants"), List.of(requirement.toString())).json()).containsEntry("stopped", 0)
                .containsEntry("planned", 0);
    }

    @Test
    void anAwardThatEndedStopsItsRemindersWhenAnnounced() {
        UUID requirement = grants.requirement(city("m." + UUID.randomUUID().toString().substring(0, 8) + "@city.test"), NY,
                LocalDate.of(2031, 10, 20), LocalTime.of(23, 59));
        TestClock.set(Instant.parse("2031-10-01T12:00:00Z"));
        assertThat(announce(TOKENS.service("grants"), List.of(requirement.toString())).status()).isEqualTo(200);
        assertThat(schedule(requirement)).isNotEmpty().allSatisfy(r -> assertThat(r).containsEntry("status", "PLANNED"));
        grants.awardEnded(requirement, true);   // closed: the requirement itself is still OPEN
        TestHttp.Response answer = announce(TOKENS.service("grants"), List.of(requirement.toString()));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(schedule(requirement)).allSatisfy(r -> assertThat(r).containsEntry("status", "CANCELLED")
                .containsEntry("reason", "award ended"));
    }

    @Test
    void theBodyIsOnlyWhichRequirementsToReadTheFeedSaysWhatIsTrue() {
        UUID requirement = grants.requirement(city("m." + UUID.randomUUID().toString().substring(0, 8) + "@city.test"), NY,
                LocalDate.of(2031, 9, 20), LocalTime.of(23, 59));
        TestClock.set(Instant.parse("2031-09-01T12:00:00Z"));
        long reads = grants.itemReads.get();
        TestHttp.Response answer = http.post("/api/reminders/changes", TOKENS.service("grants"),
                Map.of("requirementIds", List.of(requirement.toString(), UUID.randomUUID().toString())));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(grants.itemReads.get()).isEqualTo(reads + 1);
        assertThat(answer.json()).as("the unknown id is left out").containsEntry("requirements", 1);
        assertThat(schedule(requirement)).isNotEmpty().allSatisfy(r -> assertThat(r).containsEntry("status", "PLANNED"));
    }

    @Test
    void onlyTheGrantsServiceAnnouncesPeopleAndOtherServicesGet403() {
        List<String> one = List.of(UUID.randomUUID().toString());
        for (String token : List.of(TOKENS.admin(), TOKENS.auditor(), TOKENS.dojOfficer(), TOKENS.service("documents"))) {
            TestHttp.Response r = announce(token, one);
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.isProblem()).isTrue();
        }
        assertThat(announce(null, one).status()).isEqualTo(401);
    }

    @Test
    void aBodyThatIsNotAListOfAtMost500IdsIs400() {
        String grantsToken = TOKENS.service("grants");
        List<String> tooMany = new ArrayList<>();
        IntStream.range(0, 501).forEach(i -> tooMany.add(UUID.randomUUID().toString()));
        for (Object ids : List.of(List.of("not-a-uuid"), List.of(), tooMany, "x")) {
            TestHttp.Response r = announce(grantsToken, ids);
            assertThat(r.status()).as(ids + ": " + r).isEqualTo(400);
            assertThat(r.isProblem()).isTrue();
        }
        TestHttp.Response none = http.post("/api/reminders/changes", grantsToken, Map.of());
        assertThat(none.status()).as(none.toString()).isEqualTo(400);
    }
}

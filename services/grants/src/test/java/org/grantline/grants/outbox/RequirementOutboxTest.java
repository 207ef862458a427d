package org.grantline.grants.outbox;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.grants.NotificationsStub;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The requirement outbox: a row in the transaction of every requirement change (none for a change
 * rolled back), relayed to the notifications service (a stand-in over HTTP) right after commit,
 * again with backoff while it answers 503, and not twice by two relays at once.
 */
class RequirementOutboxTest extends GrantsServiceTest {
    final NotificationsStub notifications = new NotificationsStub();
    final UUID city = UUID.randomUUID();

    @Inject
    TransactionOperations<Connection> tx;
    @Inject
    ChangeRelay relay;
    @Inject
    NotificationsClient client;
    String program;

    @Override
    protected void properties(Map<String, String> p) {
        p.put("micronaut.http.services.notifications.urls", notifications.url());
        p.put("grantline.outbox.relay.enabled", "true");
        p.put("grantline.outbox.sweep-every", "2s");      // the wake at commit, not the sweep, must carry a change
        p.put("grantline.outbox.backoff-base", "200ms");
        p.put("grantline.outbox.backoff-cap", "1s");
    }

    @BeforeAll
    void programWithACertification() {
        jurisdictions.add(city, "America/New_York");
        program = GrantsFixtures.program(http, "OB");
        GrantsFixtures.certification1373(http, program);
    }

    @AfterAll
    void stop() {
        notifications.close();
    }

    UUID requirement() {
        return UUID.fromString(GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, Map.of("jurisdictionId", city.toString(),
                "programId", program, "fiscalYear", 2017, "amount", "24383.00", "awardDate", "2017-09-01",
                "certificationDueDate", "2099-01-01"))));
    }

    long pending(UUID requirement) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT count(*) FROM requirement_change WHERE requirement_id = ?")) {
                ps.setObject(1, requirement);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Waits until the relay has delivered every change of the requirement so far. */
    void settled(UUID requirement) {
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.times(requirement) > 0 && pending(requirement) == 0);
    }

    @Test
    void aCommittedChangeReachesNotificationsWellWithinASecondAndARolledBackOneNever() {
        UUID requirement = requirement();
        settled(requirement);   // its creation was announced too
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long before = notifications.times(requirement);
            TestHttp.Response extended = http.post("/api/certifications/requirements/" + requirement + "/extensions", TOKENS.dojOfficer(),
                    Map.of("deadlineDate", "2099-02-0" + (i + 1), "reason", "Outbox test " + i));
            long committed = System.nanoTime();   // the answer comes after the commit
            assertThat(extended.status()).as(extended.toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> notifications.times(requirement) > before);
            millis.add((System.nanoTime() - committed) / 1_000_000);
        }
        System.out.println("Outbox: commit to notifications told, ms: " + millis);
        assertThat(millis).as("woken at commit, not by the 2 s sweep").allSatisfy(ms -> assertThat(ms).isLessThan(1000));
        settled(requirement);

        long told = notifications.times(requirement);
        try {
            tx.executeWrite(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "UPDATE requirement SET status = 'WAIVED', updated_at = now() WHERE id = ?")) {
                    ps.setObject(1, requirement);
                    ps.executeUpdate();
                }
                assertThat(pending(requirement)).as("written in the change's own transaction").isEqualTo(1);
                throw new IllegalStateException("rolled back on purpose");
            });
        } catch (IllegalStateException expected) {
            // the change and its outbox row are gone together
        }
        assertThat(pending(requirement)).isZero();
        try {
            Thread.sleep(2500);   // longer than a sweep
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(notifications.times(requirement)).as("nothing announced for the rolled-back change").isEqualTo(told);
    }

    /** An award's move announces its requirements (in its own transaction), and the feed says when the award has ended. */
    @Test
    @SuppressWarnings("unchecked")
    void anAwardThatEndsAnnouncesItsRequirementsAndTheFeedSaysNothingIsOwed() {
        TestHttp.Response award = GrantsFixtures.award(http, Map.of("jurisdictionId", city.toString(), "programId", program,
                "fiscalYear", 2017, "amount", "1000.00", "awardDate", "2017-09-01", "certificationDueDate", "2099-03-01"));
        UUID requirement = UUID.fromString(GrantsFixtures.firstRequirement(http, award));
        settled(requirement);
        String awardId = (String) award.json().get("id");
        String ending = "OFFERED".equals(award.json().get("status")) ? "DECLINED" : "CLOSED";
        if ("ACCEPTED".equals(award.json().get("status"))) {
            assertThat(http.post("/api/awards/" + awardId + "/transitions", TOKENS.dojOfficer(), Map.of("status", "ACTIVE")).status())
                    .isEqualTo(200);
            settled(requirement);
        }
        Map<String, Object> before = (Map<String, Object>) ((List<Object>) http.post("/api/certifications/feed/items", TOKENS.admin(),
                Map.of("ids", List.of(requirement))).json().get("items")).get(0);
        assertThat(before).containsEntry("awardEnded", false);

        long told = notifications.times(requirement);
        TestHttp.Response moved = http.post("/api/awards/" + awardId + "/transitions", TOKENS.dojOfficer(),
                Map.of("status", ending, "reason", "Outbox test"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> notifications.times(requirement) > told);
        Map<String, Object> after = (Map<String, Object>) ((List<Object>) http.post("/api/certifications/feed/items", TOKENS.admin(),
                Map.of("ids", List.of(requirement))).json().get("items")).get(0);
        assertThat(after).containsEntry("awardEnded", true).containsEntry("status", "OPEN");
    }

    @Test
    void whileNotificationsAnswers503TheRelayRetriesWithBackoffAndDeliversWhenItIsBack() {
        UUID requirement = requirement();
        settled(requirement);
        notifications.down = true;
        try {
            int refusedBefore = notifications.refused.get();
            TestHttp.Response waived = http.post("/api/certifications/requirements/" + requirement + "/waiver", TOKENS.dojOfficer(),
                    Map.of("reason", "Outbox retry test"));
            assertThat(waived.status()).as(waived.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> notifications.refused.get() >= refusedBefore + 3);
            assertThat(pending(requirement)).as("kept while undelivered").isEqualTo(1);
            String error = tx.executeRead(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "SELECT attempts, last_error FROM requirement_change WHERE requirement_id = ?")) {
                    ps.setObject(1, requirement);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt("attempts")).isGreaterThanOrEqualTo(2);
                        return rs.getString("last_error");
                    }
                }
            });
            assertThat(error).contains("503");
        } finally {
            notifications.down = false;
        }
        long told = notifications.times(requirement);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.times(requirement) > told && pending(requirement) == 0);
        assertThat(notifications.unauthorized.get()).as("always with this service's own token").isZero();
    }

    @Test
    void twoRelaysAtOnceDeliverEachChangeOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            ids.add(UUID.randomUUID());
        }
        ChangeRelay second = new ChangeRelay(tx, client, Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(1));
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "INSERT INTO requirement_change (requirement_id) VALUES (?)")) {
                for (UUID id : ids) {
                    ps.setObject(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<ChangeRelay.Outcome>> outcomes = new ArrayList<>();
            for (ChangeRelay r : List.of(relay, second)) {
                outcomes.add(two.submit(() -> {
                    go.await();
                    return r.relayDue();
                }));
            }
            go.countDown();
            for (Future<ChangeRelay.Outcome> f : outcomes) {
                assertThat(f.get().failed()).isFalse();
            }
        } finally {
            two.shutdown();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(id -> notifications.times(id) > 0));
        assertThat(ids).allSatisfy(id -> assertThat(notifications.times(id)).as("told once").isEqualTo(1));
    }
}

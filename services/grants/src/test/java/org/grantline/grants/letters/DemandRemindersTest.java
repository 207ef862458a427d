package org.grantline.grants.letters;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demands are reminded and escalated like certifications: a week and a day before the deadline at
 * 09:00 in the recipient's own zone, and the morning after a missed one the jurisdiction is told it
 * is late and DOJ is told in an internal note; each once (also four passes at once), each announced
 * to the other side through the message outbox, none for a demand no longer owed.
 */
class DemandRemindersTest extends GrantsServiceTest {
    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    final UUID oakland = UUID.randomUUID();

    @Inject
    DemandReminders reminders;
    @Inject
    TransactionOperations<Connection> tx;

    @BeforeAll
    void registry() {
        jurisdictions.add(oakland, "Oakland", "America/Los_Angeles", "CA", "CITY", "HONOURS_NONE");
    }

    /** A letter to Oakland alone, due on that day at 17:00 Oakland time: its one demand's id. */
    @SuppressWarnings("unchecked")
    String demandDue(String date) {
        TestHttp.Response sent = http.post("/api/letters", TOKENS.dojOfficer(), Map.of("subject", "Jail access " + date,
                "body", "Answer by the deadline.", "questions", List.of(Map.of("text", "Do you give 48 hours' notice?",
                        "signerRole", "JURISDICTION_OFFICIAL")), "deadlineDate", date, "recipients", Map.of("jurisdictionIds", List.of(oakland))));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return (String) ((List<Map<String, Object>>) sent.json().get("demands")).get(0).get("id");
    }

    static Instant at(String date, int hour, int minute) {
        return LocalDate.parse(date).atTime(hour, minute).atZone(LA).toInstant();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> thread(String demand, String token) {
        TestHttp.Response r = http.get("/api/letters/demands/" + demand + "/messages", token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return (List<Map<String, Object>>) r.json().get("messages");
    }

    /** The notices in the outbox for this demand: whether each goes to the jurisdiction (fromDoj) or to DOJ. */
    List<Boolean> notices(String demand) {
        return noticeFields(demand, "fromDoj").stream().map(Boolean::parseBoolean).toList();
    }

    /** One field of each outbox notice for this demand, in order. */
    List<String> noticeFields(String demand, String field) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT payload->>? FROM message_notice WHERE payload->>'subjectId' = ? ORDER BY id")) {
                ps.setString(1, field);
                ps.setString(2, demand);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    @Test
    void aWeekAndADayBeforeThenLateAndEscalatedEachOnceAndAnnounced() {
        String demand = demandDue("2198-03-17");
        reminders.run(at("2198-03-10", 8, 59));
        assertThat(thread(demand, TOKENS.dojOfficer())).as("not yet 09:00 in Oakland").isEmpty();

        reminders.run(at("2198-03-10", 9, 1));
        reminders.run(at("2198-03-10", 9, 2));
        List<Map<String, Object>> week = thread(demand, TOKENS.official(oakland));
        assertThat(week).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("visibility", "SHARED").containsEntry("authorRole", "SYSTEM").containsEntry("author", "grantline");
            assertThat((String) m.get("body")).contains("asks for your answer by Saturday 17 March 2198 at 17:00 (America/Los_Angeles)")
                    .endsWith("in a week. Answer it on the letter's page in GrantLine.");
        });

        reminders.run(at("2198-03-16", 9, 0));
        assertThat(thread(demand, TOKENS.official(oakland))).hasSize(2).last()
                .satisfies(m -> assertThat((String) m.get("body")).contains(", tomorrow."));

        reminders.run(at("2198-03-17", 18, 0));   // late, but the notice waits for the next morning
        assertThat(thread(demand, TOKENS.official(oakland))).hasSize(2);
        reminders.run(at("2198-03-18", 9, 5));
        reminders.run(at("2198-03-18", 9, 6));
        List<Map<String, Object>> seenByOakland = thread(demand, TOKENS.official(oakland));
        assertThat(seenByOakland).hasSize(3).last().satisfies(m -> assertThat((String) m.get("body")).contains("is late. Answer it now."));
        assertThat(seenByOakland.toString()).doesNotContain("has not answered");
        List<Map<String, Object>> seenByDoj = thread(demand, TOKENS.dojOfficer());
        assertThat(seenByDoj).hasSize(4).last().satisfies(m -> {
            assertThat(m).containsEntry("visibility", "INTERNAL");
            assertThat((String) m.get("body")).startsWith("Oakland has not answered the letter");
        });
        // Three notices to Oakland, one to DOJ (the internal note's notice goes to DOJ only).
        assertThat(notices(demand)).containsExactly(true, true, true, false);
        // Each is chosen by its recipients as a certification's notice of that kind (an escalation cannot be declined).
        assertThat(noticeFields(demand, "noticeKind")).containsExactly("REMINDER", "REMINDER", "OVERDUE", "ESCALATION");
    }

    @Test
    void fourPassesAtOnceRemindOnce() throws Exception {
        String demand = demandDue("2198-05-20");
        Instant now = at("2198-05-19", 9, 30);
        CyclicBarrier start = new CyclicBarrier(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> passes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                passes.add(pool.submit(() -> {
                    start.await();
                    return reminders.run(now);
                }));
            }
            for (Future<Integer> pass : passes) {
                pass.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(thread(demand, TOKENS.dojOfficer())).singleElement()
                .satisfies(m -> assertThat((String) m.get("body")).contains(", tomorrow."));
        assertThat(notices(demand)).containsExactly(true);
    }

    // ---- the schedule itself (pure)

    static Demand demand(Demand.Status status, String deadline, Instant createdAt) {
        LocalDate date = LocalDate.parse(deadline);
        Instant due = date.atTime(17, 0).atZone(LA).toInstant();
        return new Demand(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Oakland", "CA", LA.getId(), date, LocalTime.of(17, 0),
                due, status, 1, null, null, null, createdAt, createdAt, 0L);
    }

    @Test
    void onlyTheLaterBeforeReminderGoesWhenBothAreDueAndNoneBeforeTheLetterWasSent() {
        Instant longAgo = Instant.parse("2190-01-01T00:00:00Z");
        var both = DemandReminders.due(demand(Demand.Status.AWAITING, "2198-03-17", longAgo), at("2198-03-16", 10, 0));
        assertThat(both).extracting(DemandReminders.Due::kind, DemandReminders.Due::send).containsExactly(
                org.assertj.core.groups.Tuple.tuple(DemandReminders.Kind.WEEK_BEFORE, false),
                org.assertj.core.groups.Tuple.tuple(DemandReminders.Kind.DAY_BEFORE, true));
        // A letter sent two days before its deadline: no "in a week" for a time before it was sent.
        var late = DemandReminders.due(demand(Demand.Status.AWAITING, "2198-03-17", at("2198-03-15", 12, 0)), at("2198-03-16", 10, 0));
        assertThat(late).extracting(DemandReminders.Due::kind).containsExactly(DemandReminders.Kind.DAY_BEFORE);
        // After the deadline no "before" reminder at all; the late notice and escalation the next morning.
        var after = DemandReminders.due(demand(Demand.Status.MORE_REQUESTED, "2198-03-17", longAgo), at("2198-03-18", 9, 0));
        assertThat(after).extracting(DemandReminders.Due::kind).containsExactly(DemandReminders.Kind.OVERDUE, DemandReminders.Kind.ESCALATION);
    }

    @Test
    void aDemandNoLongerOwedIsNeverReminded() {
        Instant longAgo = Instant.parse("2190-01-01T00:00:00Z");
        for (Demand.Status status : List.of(Demand.Status.ANSWERED, Demand.Status.ACCEPTED, Demand.Status.CLOSED)) {
            assertThat(DemandReminders.due(demand(status, "2198-03-17", longAgo), at("2198-03-18", 10, 0))).as(status.name()).isEmpty();
            assertThat(DemandReminders.due(demand(status, "2198-03-17", longAgo), at("2198-03-16", 10, 0))).as(status.name()).isEmpty();
        }
    }
}

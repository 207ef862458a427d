package org.grantline.notifications.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import jakarta.mail.internet.MimeMessage;
import org.grantline.notifications.GrantsStub;
import org.grantline.notifications.JurisdictionStub;
import org.grantline.notifications.NotificationsTestSupport;
import org.grantline.notifications.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several replicas (separate application contexts over one database, as on PostgreSQL in
 * production) running the pipeline at the same moment; SMTP down for a run; a replica that dies
 * between claiming and sending. Each reminder reaches each recipient exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicasExactlyOnceTest {
    final GrantsStub grants = new GrantsStub();
    final JurisdictionStub registry = new JurisdictionStub();
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    int smtpPort;
    Map<String, Object> properties;
    final List<ApplicationContext> replicas = new ArrayList<>();
    Instant day = Instant.parse("2033-01-01T00:00:00Z");

    @BeforeAll
    void start() {
        smtp.start();
        smtpPort = smtp.getSmtp().getPort();
        grants.namesAwards = false;   // a feed that names no awards: the planner looks each one up (as with an older grants service)
        properties = new HashMap<>(NotificationsTestSupport.properties(grants, registry, smtpPort));
        properties.put("grantline.notifications.batch-size", "7");   // small batches: replicas interleave
        properties.put("grantline.notifications.lease", "PT2M");
        for (int i = 0; i < 3; i++) {
            replicas.add(ApplicationContext.builder().properties(properties).environments("test").start());
        }
        NotificationsTestSupport.resetFeed(tx(replicas.get(0)));
    }

    @SuppressWarnings("unchecked")
    static TransactionOperations<Connection> tx(ApplicationContext ctx) {
        return ctx.getBean(TransactionOperations.class);
    }

    @AfterAll
    void stop() {
        replicas.forEach(ApplicationContext::close);
        smtp.stop();
        grants.close();
        registry.close();
    }

    /** Jurisdictions with two reminder contacts each and one requirement due in 7 days at 09:00 New York time; answers the addresses. */
    List<String> dueIn7Days(int jurisdictions, LocalDate deadline) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < jurisdictions; i++) {
            UUID j = registry.jurisdiction("Town " + i, "NY", "America/New_York");
            String tag = UUID.randomUUID().toString().substring(0, 8);
            registry.contact(j, "GRANT_MANAGER", "gm." + tag + "@town.test");
            registry.contact(j, "CHIEF_LEGAL_OFFICER", "counsel." + tag + "@town.test");
            addresses.add("gm." + tag + "@town.test");
            addresses.add("counsel." + tag + "@town.test");
            grants.requirement(j, "America/New_York", deadline, LocalTime.of(23, 59));
        }
        return addresses;
    }

    Map<String, Long> received(List<String> addresses) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            for (var a : m.getAllRecipients()) {
                if (addresses.contains(a.toString())) {
                    counts.merge(a.toString(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    void concurrently(int n, Function<ApplicationContext, Object> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ApplicationContext ctx = replicas.get(i);
            futures.add(pool.submit(() -> {
                go.await();
                return work.apply(ctx);
            }));
        }
        go.countDown();
        for (Future<Object> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    @ParameterizedTest(name = "{0} replicas")
    @ValueSource(ints = {2, 3})
    void replicasRunningAtOnceSendEachReminderExactlyOnce(int n) throws Exception {
        day = day.plus(Duration.ofDays(40));
        LocalDate deadline = LocalDate.ofInstant(day, java.time.ZoneOffset.UTC).plusDays(7);
        List<String> addresses = dueIn7Days(20, deadline);
        TestClock.set(day);
        concurrently(n, ctx -> ctx.getBean(ReminderRunner.class).plan());
        TestClock.set(day.plus(Duration.ofHours(15)));   // past 09:00 EST on the 7-day
        for (int round = 0; round < 3; round++) {
            concurrently(n, ctx -> ctx.getBean(ReminderRunner.class).deliver());
        }
        Map<String, Long> counts = received(addresses);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(addresses);
        assertThat(counts.values()).allMatch(c -> c == 1L);
    }

    @Test
    void smtpDownForARunThenUpSendsEveryDueReminderOnce() throws Exception {
        day = day.plus(Duration.ofDays(200));
        LocalDate deadline = LocalDate.ofInstant(day, java.time.ZoneOffset.UTC).plusDays(7);
        List<String> addresses = dueIn7Days(8, deadline);
        TestClock.set(day);
        replicas.get(0).getBean(ReminderRunner.class).plan();
        smtp.stop();
        TestClock.set(day.plus(Duration.ofHours(15)));
        ReminderRunner.Report down = replicas.get(1).getBean(ReminderRunner.class).deliver();
        assertThat(down.emailsSent()).isZero();
        assertThat(down.emailsFailed()).isGreaterThanOrEqualTo(addresses.size());   // and whatever else fell due since the other tests
        smtp = new GreenMail(new com.icegreen.greenmail.util.ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        smtp.start();
        replicas.get(2).getBean(ReminderRunner.class).deliver();
        assertThat(received(addresses)).as("nothing before the backoff has passed").isEmpty();
        TestClock.set(day.plus(Duration.ofHours(15)).plus(Duration.ofMinutes(2)));
        concurrently(3, ctx -> ctx.getBean(ReminderRunner.class).deliver());
        Map<String, Long> counts = received(addresses);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(addresses);
        assertThat(counts.values()).allMatch(c -> c == 1L);
    }

    @Test
    void aReplicaKilledBetweenClaimAndSendLeavesTheWorkToAnotherAfterItsLease() throws Exception {
        day = day.plus(Duration.ofDays(300));
        LocalDate deadline = LocalDate.ofInstant(day, java.time.ZoneOffset.UTC).plusDays(7);
        List<String> addresses = dueIn7Days(5, deadline);
        TestClock.set(day);
        ApplicationContext doomed = ApplicationContext.builder().properties(properties).environments("test").start();
        doomed.getBean(ReminderRunner.class).plan();
        Instant due = day.plus(Duration.ofHours(15));
        TestClock.set(due);
        doomed.getBean(FanOut.class).run();
        List<UUID> claimed = doomed.getBean(EmailDispatcher.class).claim(100);
        assertThat(claimed).hasSizeGreaterThanOrEqualTo(addresses.size());
        doomed.close();                                   // dies holding the claims

        replicas.get(0).getBean(ReminderRunner.class).deliver();
        assertThat(received(addresses)).as("the claims still hold").isEmpty();
        TestClock.set(due.plus(Duration.ofMinutes(3)));  // the two-minute lease has run out
        concurrently(2, ctx -> ctx.getBean(ReminderRunner.class).deliver());
        Map<String, Long> counts = received(addresses);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(addresses);
        assertThat(counts.values()).allMatch(c -> c == 1L);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getMessageID();
            } catch (Exception e) {
                return "";
            }
        }).collect(Collectors.toSet())).allMatch(id -> id.startsWith("<digest."));
    }

    @Test
    void aLiveReplicasClaimsOutlastTheirLeaseThroughHeartbeatsAndADeadOnesAreTakenOverAfterOneLease() throws Exception {
        day = day.plus(Duration.ofDays(700));
        LocalDate deadline = LocalDate.ofInstant(day, java.time.ZoneOffset.UTC).plusDays(7);
        List<String> addresses = dueIn7Days(3, deadline);
        Map<String, Object> shortLease = new HashMap<>(properties);
        shortLease.put("grantline.notifications.lease", "PT15S");   // the production default
        TestClock.set(day);
        ApplicationContext holder = ApplicationContext.builder().properties(shortLease).environments("test").start();
        try {
            holder.getBean(ReminderRunner.class).plan();
            Instant due = day.plus(Duration.ofHours(15));
            TestClock.set(due);
            holder.getBean(FanOut.class).run();
            assertThat(holder.getBean(EmailDispatcher.class).claim(100)).hasSizeGreaterThanOrEqualTo(addresses.size());

            TestClock.set(due.plusSeconds(20));                      // past the lease of the claim itself
            holder.getBean(ClaimHeartbeat.class).beat();             // but the holder is alive and beats
            replicas.get(0).getBean(ReminderRunner.class).deliver();
            assertThat(received(addresses)).as("a live replica's claims hold past one lease").isEmpty();

            holder.close();                                          // dies holding the claims: no more beats
            TestClock.set(due.plusSeconds(20 + 16));                 // one lease after the last beat
            replicas.get(0).getBean(ReminderRunner.class).deliver();
            Map<String, Long> counts = received(addresses);
            assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(addresses);
            assertThat(counts.values()).allMatch(c -> c == 1L);
        } finally {
            if (holder.isRunning()) {
                holder.close();
            }
        }
    }
}

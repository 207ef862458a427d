package org.grantline.shared.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same request sent by several threads at the same instant: each thread waits at a
 * {@link CyclicBarrier} and sends when all are there, so the requests race inside the service.
 */
public final class Races {
    public static final int THREADS = 8;

    private Races() {
    }

    /** Sends {@code request} from {@link #THREADS} threads at once; the answers in no particular order. */
    public static List<TestHttp.Response> atOnce(Supplier<TestHttp.Response> request) {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<TestHttp.Response>> sent = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                sent.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return request.get();
                }));
            }
            List<TestHttp.Response> answers = new ArrayList<>();
            for (Future<TestHttp.Response> f : sent) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } catch (Exception e) {
            throw new AssertionError("a racing request failed to complete", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Exactly one answer has {@code successStatus}; every other one is a 409 problem. */
    public static TestHttp.Response assertOneWinner(List<TestHttp.Response> answers, int successStatus) {
        assertThat(answers).as(answers.toString()).allSatisfy(a ->
                assertThat(a.status()).as(a.toString()).isIn(successStatus, 409));
        assertThat(answers).as(answers.toString()).filteredOn(a -> a.status() == successStatus).hasSize(1);
        answers.stream().filter(a -> a.status() == 409).forEach(a -> {
            assertThat(a.isProblem()).as(a.toString()).isTrue();
            assertThat(a.json().get("type").toString()).startsWith("urn:grantline:problem:");
        });
        return answers.stream().filter(a -> a.status() == successStatus).findFirst().orElseThrow();
    }

    /** Every answer is {@code successStatus} or a 409 problem, and at least one succeeded: never a 500. */
    public static void assertNoServerError(List<TestHttp.Response> answers, int successStatus) {
        assertThat(answers).as(answers.toString()).allSatisfy(a ->
                assertThat(a.status()).as(a.toString()).isIn(successStatus, 409));
        assertThat(answers).as(answers.toString()).anyMatch(a -> a.status() == successStatus);
        answers.stream().filter(a -> a.status() == 409).forEach(a -> assertThat(a.isProblem()).as(a.toString()).isTrue());
    }
}

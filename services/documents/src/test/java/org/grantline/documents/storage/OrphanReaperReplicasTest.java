package org.grantline.documents.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.grantline.documents.support.DocumentsTestSupport;
import org.grantline.documents.support.Uploads;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two replicas of the documents service on one database and one store: their reapers fire together. */
class OrphanReaperReplicasTest {
    static final int ORPHANS = 300;

    @Test
    void whenTwoReplicasReapersFireTogetherOneOfThemRunsAndRemovesEveryOrphanWhileLiveBytesStay() throws Exception {
        Path store = DocumentsTestSupport.freshStore();
        Map<String, Object> properties = new java.util.HashMap<>(DocumentsTestSupport.properties(store));
        properties.put("micronaut.server.port", -1);
        properties.put("grantline.documents.reaper-grace", "10m");
        // The schedule stays out of the way; the test fires both replicas' scheduled runs itself.
        properties.put("grantline.documents.reaper-initial-delay", "1000h");
        properties.put("grantline.documents.reaper-interval", "1000h");
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "test");
             EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            Uploads.Response live = new Uploads(first.getURL().toString()).post("/api/documents",
                    TestTokens.shared().official(UUID.randomUUID()),
                    Uploads.document("CERTIFICATION", Uploads.title(), "live.pdf", Uploads.pdf("live")).end());
            assertThat(live.status()).as(live.toString()).isEqualTo(201);
            String liveKey;
            try (var blobs = Files.list(store.resolve("blobs"))) {
                liveKey = blobs.findFirst().orElseThrow().getFileName().toString();
            }
            // Older than the grace: uploads that never finished, and bytes whose version never committed.
            FileTime old = FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS));
            Files.setLastModifiedTime(store.resolve("blobs").resolve(liveKey), old);
            for (int i = 0; i < ORPHANS; i++) {
                Path orphan = store.resolve(i % 2 == 0 ? "tmp" : "blobs").resolve(UUID.randomUUID().toString());
                Files.write(orphan, new byte[] {1, 2, 3});
                Files.setLastModifiedTime(orphan, old);
            }

            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Void>> runs = List.of(first, second).stream().map(replica -> CompletableFuture.runAsync(() -> {
                OrphanReaper reaper = replica.getApplicationContext().getBean(OrphanReaper.class);
                try {
                    together.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                reaper.scheduled();
            })).toList();
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(DocumentsTestSupport.files(store, "tmp")).isZero();
            try (var blobs = Files.list(store.resolve("blobs"))) {
                assertThat(blobs.map(p -> p.getFileName().toString()).toList()).containsExactly(liveKey);
            }
            assertThat(reaperRuns(first) + reaperRuns(second)).as("reaper runs across both replicas").isEqualTo(1);
            TestHttp http = new TestHttp(second.getURL().toString());
            String id = (String) new TestHttp.Response(201, Map.of(), live.body()).json().get("id");
            assertThat(http.get("/api/documents/" + id, TestTokens.shared().auditor()).status()).isEqualTo(200);
        }
    }

    private static long reaperRuns(EmbeddedServer replica) {
        return replica.getApplicationContext().getBean(MeterRegistry.class).get("grantline.documents.reaper").timer().count();
    }
}

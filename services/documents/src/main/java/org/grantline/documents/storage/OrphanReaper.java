package org.grantline.documents.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;
import org.grantline.documents.DocumentsConfiguration;
import org.grantline.documents.document.DocumentVersionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Removes bytes no version points at: temporary uploads that never finished (also S3 multipart
 * uploads left open by a crash or an outage), and promoted bytes whose transaction never committed
 * (a crash in between). Only those older than the grace period,
 * so an upload in flight is left alone.
 *
 * <p>With replicas, one run at a time across all of them (ShedLock, its lock in this service's
 * database): a run lists the whole store, and two at once would each list, check and delete the
 * same orphans (and abort the same S3 uploads, the second abort failing). A replica whose turn
 * comes while another holds the lock skips that turn; the lock is kept at least a minute, so
 * replicas whose schedules fire close together do not run one after the other either, and at
 * most 30 minutes, after which a replica that died mid-run no longer blocks the others.
 */
@Singleton
public class OrphanReaper {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);

    private final BlobStore store;
    private final DocumentVersionRepository versions;
    private final DocumentsConfiguration config;
    private final Timer runs;

    public OrphanReaper(BlobStore store, DocumentVersionRepository versions, DocumentsConfiguration config, MeterRegistry meters) {
        this.store = store;
        this.versions = versions;
        this.config = config;
        this.runs = Timer.builder("grantline.documents.reaper").description("Orphan reaper runs (one replica at a time)")
                .register(meters);
    }

    @Scheduled(fixedDelay = "${grantline.documents.reaper-interval:15m}", initialDelay = "${grantline.documents.reaper-initial-delay:1m}")
    @SchedulerLock(name = "documents-orphan-reaper", lockAtLeastFor = "1m", lockAtMostFor = "30m")
    public void scheduled() {
        runs.record(() -> {
            try {
                reap(config.getReaperGrace());
            } catch (RuntimeException | IOException e) {
                LOG.warn("Reaper run failed: {}", e.getMessage());
            }
        });
    }

    /** Removes orphans older than {@code grace}; answers how many. */
    public int reap(Duration grace) throws IOException {
        Instant cutoff = Instant.now().minus(grace);
        int removed = 0;
        for (BlobStore.Stored stored : store.list(BlobKeys.TEMPORARY)) {
            if (!stored.lastModified().isAfter(cutoff)) {
                store.delete(stored.key());
                removed++;
            }
        }
        removed += store.abortUnfinished(BlobKeys.TEMPORARY, cutoff);
        for (BlobStore.Stored stored : store.list(BlobKeys.FINAL)) {
            if (!stored.lastModified().isAfter(cutoff) && !versions.existsByStorageKey(stored.key())) {
                store.delete(stored.key());
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("Reaper removed {} orphaned stored files", removed);
        }
        return removed;
    }
}

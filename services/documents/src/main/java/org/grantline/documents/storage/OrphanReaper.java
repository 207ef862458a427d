package org.grantline.documents.storage;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
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
 */
@Singleton
public class OrphanReaper {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);

    private final BlobStore store;
    private final DocumentVersionRepository versions;
    private final DocumentsConfiguration config;

    public OrphanReaper(BlobStore store, DocumentVersionRepository versions, DocumentsConfiguration config) {
        this.store = store;
        this.versions = versions;
        this.config = config;
    }

    @Scheduled(fixedDelay = "${grantline.documents.reaper-interval:15m}", initialDelay = "${grantline.documents.reaper-initial-delay:1m}")
    void scheduled() {
        try {
            reap(config.getReaperGrace());
        } catch (RuntimeException | IOException e) {
            LOG.warn("Reaper run failed: {}", e.getMessage());
        }
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

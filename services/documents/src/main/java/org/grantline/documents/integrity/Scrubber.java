package org.grantline.documents.integrity;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.grantline.documents.document.ContentService;
import org.grantline.documents.document.DocumentService;
import org.grantline.documents.document.DocumentVersion;
import org.grantline.documents.document.DocumentVersionRepository;
import org.grantline.documents.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Re-reads every stored version, compares it with its recorded SHA-256, and marks (and reports) what no longer matches. */
@Singleton
public class Scrubber {
    private static final Logger LOG = LoggerFactory.getLogger(Scrubber.class);

    private final DocumentVersionRepository versions;
    private final ContentService contents;
    private final DocumentService records;
    private final BlobStore store;

    public Scrubber(DocumentVersionRepository versions, ContentService contents, DocumentService records, BlobStore store) {
        this.versions = versions;
        this.contents = contents;
        this.records = records;
        this.store = store;
    }

    @Serdeable
    public record Finding(UUID documentId, int version, String problem) {
    }

    @Serdeable
    public record Report(String backend, Instant startedAt, long millis, int checked, long bytes, int intact,
                         int alreadyCorrupt, List<Finding> corrupt) {
    }

    public Report scrub() {
        Instant start = Instant.now();
        int checked = 0;
        int intact = 0;
        int already = 0;
        long bytes = 0;
        List<Finding> corrupt = new ArrayList<>();
        for (DocumentVersion version : versions.findAllOrderById()) {
            checked++;
            Optional<String> problem = contents.verify(version);
            if (problem.isEmpty()) {
                intact++;
                bytes += version.sizeBytes();
                continue;
            }
            if (version.corruptAt() != null) {
                already++;
            }
            records.markCorrupt(version, problem.get());
            corrupt.add(new Finding(version.documentId(), version.number(), problem.get()));
        }
        Report report = new Report(store.backend(), start, Duration.between(start, Instant.now()).toMillis(), checked, bytes,
                intact, already, corrupt);
        LOG.info("Scrub: {} versions checked, {} intact, {} corrupt", checked, intact, corrupt.size());
        return report;
    }
}

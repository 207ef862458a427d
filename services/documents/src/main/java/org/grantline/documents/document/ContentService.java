package org.grantline.documents.document;

import io.micronaut.core.io.buffer.ReadBuffer;
import io.micronaut.core.io.buffer.ReadBufferFactory;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.grantline.documents.storage.BlobStore;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Reads a version's bytes back and makes sure they are the ones that were stored: before anything
 * is sent the stored bytes are hashed again and compared with the recorded SHA-256, and a full
 * download is hashed once more on its way out ({@link #chunks}). A mismatch (or missing bytes) is never served: the
 * version is marked corrupt, the incident logged, and the caller gets 409 {@code document-corrupt}.
 */
@Singleton
public class ContentService {
    private static final Logger LOG = LoggerFactory.getLogger(ContentService.class);

    private static final int CHUNK = 256 * 1024;

    private final BlobStore store;
    private final DocumentService records;
    private final Scheduler blocking;

    public ContentService(BlobStore store, DocumentService records, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.store = store;
        this.records = records;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    /** Refuses a version already known to be corrupt, and checks the stored bytes now. */
    public void requireIntact(DocumentVersion version) {
        if (version.corruptAt() != null) {
            throw corrupt(version);
        }
        Optional<String> problem = verify(version);
        if (problem.isPresent()) {
            records.markCorrupt(version, problem.get());
            throw corrupt(version);
        }
    }

    /** Why the stored bytes are not the recorded ones, or empty when they are. */
    public Optional<String> verify(DocumentVersion version) {
        try {
            Optional<Long> size = store.size(version.storageKey());
            if (size.isEmpty()) {
                return Optional.of("the stored bytes are missing");
            }
            if (size.get() != version.sizeBytes()) {
                return Optional.of("the stored size is " + size.get() + " bytes, " + version.sizeBytes() + " were recorded");
            }
            MessageDigest sha256 = UploadService.sha256();
            try (InputStream in = store.open(version.storageKey(), 0, -1)) {
                byte[] buffer = new byte[128 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    sha256.update(buffer, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            return actual.equals(version.sha256()) ? Optional.empty()
                    : Optional.of("the stored bytes hash to " + actual + ", " + version.sha256() + " was recorded");
        } catch (NoSuchFileException e) {
            return Optional.of("the stored bytes are missing");
        } catch (IOException e) {
            LOG.error("Could not read {} to verify it", version.storageKey(), e);
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "Service Unavailable",
                    "The document store could not be read; try again shortly.");
        }
    }

    /**
     * The bytes of a version, or of a range of it, as 256 KiB chunks read on the blocking pool as
     * they are requested. A whole version is hashed once more as it goes: should the bytes no longer
     * match at the end, the version is marked corrupt and the stream fails, which aborts the response
     * (the client sees a cut-off transfer, never a silent wrong file).
     */
    public Flux<ReadBuffer> chunks(DocumentBytes bytes, ReadBufferFactory buffers) {
        DocumentVersion version = bytes.version();
        return Flux.<ReadBuffer, Reading>generate(() -> new Reading(store.open(version.storageKey(), bytes.offset(), bytes.length()),
                        bytes.whole() ? UploadService.sha256() : null, bytes.length()),
                (reading, sink) -> {
                    try {
                        byte[] chunk = reading.next();
                        if (chunk != null) {
                            sink.next(buffers.adapt(chunk));
                        } else {
                            reading.check(version);
                            sink.complete();
                        }
                    } catch (IOException | RuntimeException e) {
                        sink.error(e);
                    }
                    return reading;
                }, Reading::close)
                .subscribeOn(blocking);
    }

    /** One read of a version's bytes: what is left, and the hash so far when the whole version is read. */
    private final class Reading {
        private final InputStream in;
        private final MessageDigest sha256;
        private long left;

        Reading(InputStream in, MessageDigest sha256, long length) {
            this.in = in;
            this.sha256 = sha256;
            this.left = length;
        }

        byte[] next() throws IOException {
            if (left == 0) {
                return null;
            }
            byte[] chunk = new byte[(int) Math.min(CHUNK, left)];
            int n = in.readNBytes(chunk, 0, chunk.length);
            if (n < chunk.length) {
                throw new IOException("the stored bytes ended " + (left - n) + " bytes early");
            }
            left -= n;
            if (sha256 != null) {
                sha256.update(chunk);
            }
            return chunk;
        }

        void check(DocumentVersion version) throws IOException {
            if (sha256 == null) {
                return;
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (in.read() >= 0 || !actual.equals(version.sha256())) {
                records.markCorrupt(version, "the bytes changed while being served: they hash to " + actual);
                throw new IOException("document " + version.documentId() + " version " + version.number()
                        + " failed its hash check while being served; the response is aborted");
            }
        }

        void close() {
            try {
                in.close();
            } catch (IOException e) {
                LOG.debug("Closing a read of stored bytes failed", e);
            }
        }
    }

    static ProblemException corrupt(DocumentVersion version) {
        return new ProblemException(HttpStatus.CONFLICT, "document-corrupt", "Document corrupt",
                "The stored bytes of version " + version.number() + " no longer match their recorded SHA-256; they are not "
                        + "served. The incident is logged; an administrator restores them from backup.",
                Map.of("documentId", version.documentId().toString(), "version", version.number(), "sha256", version.sha256()));
    }
}

package org.grantline.documents.document;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.grantline.documents.storage.BlobStore;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a version's bytes back and makes sure they are the ones that were stored: before anything
 * is sent the stored bytes are hashed again and compared with the recorded SHA-256, and a full
 * download is hashed once more on its way out. A mismatch (or missing bytes) is never served: the
 * version is marked corrupt, the incident logged, and the caller gets 409 {@code document-corrupt}.
 */
@Singleton
public class ContentService {
    private static final Logger LOG = LoggerFactory.getLogger(ContentService.class);

    private final BlobStore store;
    private final DocumentService records;

    public ContentService(BlobStore store, DocumentService records) {
        this.store = store;
        this.records = records;
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

    /** The whole version, hashed again as it streams out; a mismatch at the end aborts the response. */
    public InputStream openVerified(DocumentVersion version) {
        try {
            return new VerifyingInputStream(store.open(version.storageKey(), 0, -1), version);
        } catch (IOException e) {
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "Service Unavailable",
                    "The document store could not be read; try again shortly.");
        }
    }

    public InputStream openRange(DocumentVersion version, long offset, long length) {
        try {
            return store.open(version.storageKey(), offset, length);
        } catch (IOException e) {
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "Service Unavailable",
                    "The document store could not be read; try again shortly.");
        }
    }

    static ProblemException corrupt(DocumentVersion version) {
        return new ProblemException(HttpStatus.CONFLICT, "document-corrupt", "Document corrupt",
                "The stored bytes of version " + version.number() + " no longer match their recorded SHA-256; they are not "
                        + "served. The incident is logged; an administrator restores them from backup.",
                Map.of("documentId", version.documentId().toString(), "version", version.number(), "sha256", version.sha256()));
    }

    private final class VerifyingInputStream extends FilterInputStream {
        private final MessageDigest sha256 = UploadService.sha256();
        private final DocumentVersion version;
        private long size;
        private boolean checked;

        VerifyingInputStream(InputStream in, DocumentVersion version) {
            super(in);
            this.version = version;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                sha256.update(b, off, n);
                size += n;
            } else if (n < 0 && !checked) {
                checked = true;
                String actual = HexFormat.of().formatHex(sha256.digest());
                if (size != version.sizeBytes() || !actual.equals(version.sha256())) {
                    records.markCorrupt(version, "the bytes changed while being served: they hash to " + actual);
                    throw new IOException("document " + version.documentId() + " version " + version.number()
                            + " failed its hash check while being served; the response is aborted");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) {
            return 0;   // every byte goes through the hash
        }
    }
}

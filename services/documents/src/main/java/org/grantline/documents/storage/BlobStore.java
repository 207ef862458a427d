package org.grantline.documents.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a document's bytes live: the local filesystem or S3-compatible object storage, chosen by
 * {@code grantline.documents.storage.backend}. Keys are made by the server ({@link BlobKeys}); no
 * part of a client's file name ever reaches one. Uploads are written under a temporary key and
 * promoted to their final key only after they were hashed and checked.
 */
public interface BlobStore {

    /** A sink for new bytes under {@code key}: {@link Sink#close()} completes it, {@link Sink#abort()} discards it. */
    Sink create(String key) throws IOException;

    /** Moves finished bytes from a temporary key to their final one. */
    void promote(String temporaryKey, String finalKey) throws IOException;

    /** Reads {@code length} bytes from {@code offset} ({@code length} < 0: to the end). */
    InputStream open(String key, long offset, long length) throws IOException;

    /** The stored size, or empty when there are no bytes under the key. */
    Optional<Long> size(String key) throws IOException;

    void delete(String key) throws IOException;

    /** Every key under the prefix, with when it was last written. */
    List<Stored> list(String prefix) throws IOException;

    /**
     * Discards writes under the prefix that were begun before {@code cutoff} and never finished nor
     * aborted — S3 multipart uploads whose parts are stored but are no object yet, so {@link #list}
     * does not see them. Answers how many. A file store has none.
     */
    default int abortUnfinished(String prefix, Instant cutoff) throws IOException {
        return 0;
    }

    /** A name for logs and reports ({@code local}, {@code s3}). */
    String backend();

    record Stored(String key, Instant lastModified) {
    }

    abstract class Sink extends OutputStream {
        public abstract void abort();
    }
}

package org.grantline.documents.support;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.grantline.documents.storage.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps the configured store (local or S3) so that a test can make new bytes fail part-way, as a
 * full disk or a storage node dying mid-upload would: after {@link #failAfter(long)} bytes a write
 * throws. Only in contexts with {@code grantline.test.failing-store=true}; off until armed.
 */
@Singleton
@Requires(property = "grantline.test.failing-store", value = "true")
public class FailingStore implements BeanCreatedEventListener<BlobStore> {
    private static final AtomicLong FAIL_AFTER = new AtomicLong(-1);

    /** The next writes fail once this many bytes of one file were written; {@code -1}: never. */
    public static void failAfter(long bytes) {
        FAIL_AFTER.set(bytes);
    }

    @Override
    public BlobStore onCreated(BeanCreatedEvent<BlobStore> event) {
        BlobStore store = event.getBean();
        return new BlobStore() {
            @Override
            public Sink create(String key) throws IOException {
                Sink sink = store.create(key);
                return new Sink() {
                    private long written;

                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[]{(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        long limit = FAIL_AFTER.get();
                        if (limit >= 0 && written + len > limit) {
                            throw new IOException("simulated storage failure after " + written + " bytes");
                        }
                        sink.write(b, off, len);
                        written += len;
                    }

                    @Override
                    public void close() throws IOException {
                        sink.close();
                    }

                    @Override
                    public void abort() {
                        sink.abort();
                    }
                };
            }

            @Override
            public void promote(String temporaryKey, String finalKey) throws IOException {
                store.promote(temporaryKey, finalKey);
            }

            @Override
            public InputStream open(String key, long offset, long length) throws IOException {
                return store.open(key, offset, length);
            }

            @Override
            public Optional<Long> size(String key) throws IOException {
                return store.size(key);
            }

            @Override
            public void delete(String key) throws IOException {
                store.delete(key);
            }

            @Override
            public List<Stored> list(String prefix) throws IOException {
                return store.list(prefix);
            }

            @Override
            public int abortUnfinished(String prefix, java.time.Instant cutoff) throws IOException {
                return store.abortUnfinished(prefix, cutoff);
            }

            @Override
            public String backend() {
                return store.backend();
            }
        };
    }
}

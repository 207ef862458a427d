package org.grantline.documents;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.ReadableBytes;

import java.time.Duration;

/** {@code grantline.documents.*}: upload limit and the orphan reaper. */
@ConfigurationProperties("grantline.documents")
public class DocumentsConfiguration {
    /** Room for the multipart framing and the metadata fields around the file. */
    public static final long MULTIPART_OVERHEAD = 64 * 1024;

    private long maxFileSize = 50L * 1024 * 1024;
    private Duration reaperGrace = Duration.ofHours(1);

    public long getMaxFileSize() {
        return maxFileSize;
    }

    public void setMaxFileSize(@ReadableBytes long maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    /** The largest request body an upload may have: the file and its framing. */
    public long maxRequestSize() {
        return maxFileSize + MULTIPART_OVERHEAD;
    }

    public Duration getReaperGrace() {
        return reaperGrace;
    }

    public void setReaperGrace(Duration reaperGrace) {
        this.reaperGrace = reaperGrace;
    }
}

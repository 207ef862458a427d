package org.grantline.documents.storage;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bytes as objects in one bucket of S3-compatible storage (MinIO in docker-compose), through the
 * AWS SDK v2. New bytes go up as a multipart upload in parts of {@code part-size} (so one upload
 * holds one part in memory, never the file); promotion is a server-side copy. Every failure of the
 * storage — a refusal ({@link S3Exception}), the server unreachable ({@code SdkClientException}) or
 * a connection dropped mid-request (the URL-connection client's {@link UncheckedIOException}) — is
 * an {@link IOException} here, which callers answer with 503.
 */
@Singleton
@Requires(property = "grantline.documents.storage.backend", value = "s3")
public class S3BlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);

    private final S3Client s3;
    private final String bucket;
    private final int partSize;

    public S3BlobStore(@Value("${grantline.documents.storage.s3.endpoint:}") String endpoint,
                       @Value("${grantline.documents.storage.s3.region:us-east-1}") String region,
                       @Value("${grantline.documents.storage.s3.bucket}") String bucket,
                       @Value("${grantline.documents.storage.s3.access-key}") String accessKey,
                       @Value("${grantline.documents.storage.s3.secret-key}") String secretKey,
                       @Value("${grantline.documents.storage.s3.part-size:8MB}") @ReadableBytes int partSize,
                       @Value("${grantline.documents.storage.s3.create-bucket:false}") boolean createBucket) {
        if (accessKey.isBlank() || secretKey.isBlank()) {
            throw new IllegalStateException("grantline.documents.storage.s3.access-key and secret-key must be set for the s3 backend");
        }
        var builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)))
                // We hash every byte ourselves (SHA-256); no extra trailing checksums that not every S3-compatible store speaks.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .forcePathStyle(true);
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        this.s3 = builder.build();
        this.bucket = bucket;
        this.partSize = Math.max(5 * 1024 * 1024, partSize);  // S3's smallest part, but the last
        if (createBucket) {
            try {
                s3.headBucket(b -> b.bucket(bucket));
            } catch (NoSuchBucketException e) {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                s3.createBucket(b -> b.bucket(bucket));
            }
        }
    }

    @PreDestroy
    void close() {
        s3.close();
    }

    @Override
    public Sink create(String key) {
        String objectKey = BlobKeys.check(key);
        return new Sink() {
            private byte[] buffer = new byte[partSize];
            private int filled;
            private String uploadId;
            private final List<CompletedPart> parts = new ArrayList<>();
            private boolean done;
            private boolean aborted;

            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    int n = Math.min(len, buffer.length - filled);
                    System.arraycopy(b, off, buffer, filled, n);
                    filled += n;
                    off += n;
                    len -= n;
                    if (filled == buffer.length) {
                        uploadPart();
                    }
                }
            }

            private void uploadPart() throws IOException {
                try {
                    if (uploadId == null) {
                        uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(objectKey)).uploadId();
                    }
                    int number = parts.size() + 1;
                    String etag = s3.uploadPart(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(number)
                            .contentLength((long) filled), RequestBody.fromByteBuffer(java.nio.ByteBuffer.wrap(buffer, 0, filled))).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                    filled = 0;
                } catch (SdkException | UncheckedIOException e) {
                    throw new IOException("S3 refused a part of " + objectKey + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() throws IOException {
                if (done) {
                    return;
                }
                done = true;
                try {
                    if (uploadId == null) {
                        s3.putObject(r -> r.bucket(bucket).key(objectKey).contentLength((long) filled),
                                RequestBody.fromByteBuffer(java.nio.ByteBuffer.wrap(buffer, 0, filled)));
                    } else {
                        if (filled > 0) {
                            uploadPart();
                        }
                        s3.completeMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId)
                                .multipartUpload(m -> m.parts(parts)));
                    }
                } catch (SdkException | UncheckedIOException e) {
                    abort();
                    throw new IOException("S3 refused " + objectKey + ": " + e.getMessage(), e);
                } finally {
                    buffer = null;
                }
            }

            @Override
            public void abort() {
                if (aborted) {
                    return;     // close() aborts a failed upload itself; the caller's abort then has nothing to do
                }
                aborted = true;
                done = true;
                buffer = null;
                try {
                    if (uploadId != null) {
                        s3.abortMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId));
                    }
                    s3.deleteObject(r -> r.bucket(bucket).key(objectKey));
                } catch (RuntimeException e) {
                    LOG.warn("Could not discard {} (the reaper will): {}", objectKey, e.getMessage());
                }
            }
        };
    }

    @Override
    public void promote(String temporaryKey, String finalKey) throws IOException {
        try {
            s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(BlobKeys.check(temporaryKey))
                    .destinationBucket(bucket).destinationKey(BlobKeys.check(finalKey)));
            s3.deleteObject(r -> r.bucket(bucket).key(temporaryKey));
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("S3 could not promote " + temporaryKey + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        String range = offset == 0 && length < 0 ? null
                : "bytes=" + offset + "-" + (length < 0 ? "" : String.valueOf(offset + length - 1));
        try {
            return s3.getObject(r -> r.bucket(bucket).key(BlobKeys.check(key)).range(range));
        } catch (NoSuchKeyException e) {
            throw new java.nio.file.NoSuchFileException(key);
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("S3 could not read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(BlobKeys.check(key))).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("S3 could not stat " + key + ": " + e.getMessage(), e);
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("S3 could not stat " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(BlobKeys.check(key)));
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("S3 could not delete " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Stored> list(String prefix) throws IOException {
        List<Stored> stored = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
                stored.add(new Stored(object.key(), object.lastModified()));
            }
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("S3 could not list " + prefix + ": " + e.getMessage(), e);
        }
        return stored;
    }

    @Override
    public int abortUnfinished(String prefix, Instant cutoff) throws IOException {
        int aborted = 0;
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(r -> r.bucket(bucket).prefix(prefix)).uploads()) {
                if (upload.initiated() != null && !upload.initiated().isAfter(cutoff)) {
                    s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                    aborted++;
                }
            }
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("S3 could not list or abort unfinished uploads under " + prefix + ": " + e.getMessage(), e);
        }
        return aborted;
    }

    @Override
    public String backend() {
        return "s3";
    }
}

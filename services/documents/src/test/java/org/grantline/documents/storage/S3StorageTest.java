package org.grantline.documents.storage;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.documents.support.S3TestServer;
import org.grantline.documents.support.Uploads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage contract on the S3 backend, against S3Proxy in this JVM (the S3 REST API with AWS
 * V2/V4 signatures, over an in-memory blobstore): the service's own S3 client, multipart uploads of
 * 5 MB parts, server-side copy, ranged GETs, listing, deletion. An outage is the server stopped.
 */
@MicronautTest(transactional = false)
class S3StorageTest extends StorageBackendContract {
    final S3TestServer s3 = new S3TestServer();
    @Inject
    BlobStore store;

    @AfterAll
    void stopServer() {
        s3.close();
    }

    @Override
    protected Map<String, String> backendProperties() {
        return s3.properties();
    }

    @Override
    protected String backendName() {
        return "s3";
    }

    @Override
    protected boolean exists(String key) {
        return s3.exists(key);
    }

    @Override
    protected byte[] read(String key) {
        return s3.get(key);
    }

    @Override
    protected void write(String key, byte[] bytes) {
        s3.put(key, bytes);
    }

    @Override
    protected void remove(String key) {
        s3.delete(key);
    }

    @Override
    protected List<String> keys(String prefix) {
        return s3.keys(prefix);
    }

    @Override
    protected void breakStorage() {
        s3.stop();
    }

    @Override
    protected void repairStorage() {
        s3.restart();
    }

    @Test
    void noMultipartUploadIsLeftPendingAfterAFailedOne() {
        aWriteThatFailsPartWayIs503AndItsTemporaryBytesAreDiscarded();
        assertThat(s3.pendingMultipartUploads()).isZero();
    }

    @Test
    void unfinishedMultipartUploadsAreAbortedOnceOlderThanTheCutoff() throws Exception {
        String key = "tmp/" + UUID.randomUUID();
        String uploadId = s3.client().createMultipartUpload(r -> r.bucket(S3TestServer.BUCKET).key(key)).uploadId();
        s3.client().uploadPart(r -> r.bucket(S3TestServer.BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[5 * 1024 * 1024]));
        assertThat(s3.pendingMultipartUploads()).isEqualTo(1);
        // Within the grace the reaper leaves it alone (an upload in flight).
        assertThat(reaper.reap(config.getReaperGrace())).isZero();
        assertThat(s3.pendingMultipartUploads()).isEqualTo(1);
        // S3Proxy reports every pending upload as initiated "now" (real S3 and MinIO report when it
        // was), so its age cannot be let run out here: a cutoff ahead of now stands in for it.
        assertThat(store.abortUnfinished(BlobKeys.TEMPORARY, Instant.now().plusSeconds(60))).isEqualTo(1);
        assertThat(s3.pendingMultipartUploads()).isZero();
        assertThat(s3.keys("tmp/")).isEmpty();
    }

    @Test
    void anOutageWhileReadingIs503AndDoesNotMarkTheDocumentCorrupt() {
        byte[] bytes = Uploads.pdf("read during an outage");
        String id = upload("outage.pdf", bytes);
        s3.stop();
        try {
            Uploads.Response response = content(id, Map.of());
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.body()).contains("urn:grantline:problem:storage-unavailable");
        } finally {
            s3.restart();
        }
        assertThat(http.get("/api/documents/" + id, TOKENS.auditor()).body()).contains("\"corrupt\":false");
        assertThat(content(id, Map.of()).bytes()).isEqualTo(bytes);
    }
}

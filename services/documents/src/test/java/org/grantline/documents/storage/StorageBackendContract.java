package org.grantline.documents.storage;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.documents.DocumentsConfiguration;
import org.grantline.documents.document.DocumentRepository;
import org.grantline.documents.document.DocumentVersion;
import org.grantline.documents.document.DocumentVersionRepository;
import org.grantline.documents.support.DocumentsTestSupport;
import org.grantline.documents.support.FailingStore;
import org.grantline.documents.support.Uploads;
import org.grantline.shared.test.ServiceTestSupport;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every storage backend must do, run against each (local files, S3): bytes come back byte for
 * byte — also a file of several S3 parts — with ranges; versions; soft deletion keeps the bytes;
 * locks; the reaper; corruption found on download and by the scrub; and a store that fails answers
 * 503 with nothing recorded and no bytes left behind. A subclass supplies the backend and a raw view
 * of it (to tamper with and to look at, behind the service's back).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StorageBackendContract implements TestPropertyProvider {
    protected static final TestTokens TOKENS = TestTokens.shared();
    /** More than two 5 MB parts, so an S3 upload is a multipart upload of three parts. */
    protected static final int LARGE = 11 * 1024 * 1024 + 12345;
    protected static final String GRACE = "2s";
    protected final UUID baltimore = UUID.randomUUID();

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected DocumentVersionRepository versions;
    @Inject
    protected DocumentRepository documents;
    @Inject
    protected OrphanReaper reaper;
    @Inject
    protected DocumentsConfiguration config;
    protected Uploads uploads;
    protected TestHttp http;

    /** The backend's settings. */
    protected abstract Map<String, String> backendProperties();

    protected abstract String backendName();

    /** Raw access to what the backend holds, bypassing the service. */
    protected abstract boolean exists(String key);

    protected abstract byte[] read(String key);

    protected abstract void write(String key, byte[] bytes);

    protected abstract void remove(String key);

    protected abstract List<String> keys(String prefix);

    /** Makes the store refuse new bytes (an outage, a broken disk) and undoes it. */
    protected abstract void breakStorage() throws Exception;

    protected abstract void repairStorage() throws Exception;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ServiceTestSupport.properties("documents"));
        p.put("grantline.documents.max-file-size", "16MB");
        p.put("grantline.documents.reaper-grace", GRACE);
        // The scheduled reaper stays out of the way (with this grace it could take an upload in flight); tests call it.
        p.put("grantline.documents.reaper-initial-delay", "1000h");
        p.put("grantline.documents.reaper-interval", "1000h");
        p.put("grantline.test.failing-store", "true");
        p.putAll(backendProperties());
        return p;
    }

    @BeforeAll
    void clients() {
        uploads = new Uploads(server.getURL().toString());
        http = new TestHttp(server.getURL().toString());
    }

    @AfterEach
    void disarm() {
        FailingStore.failAfter(-1);
    }

    protected static byte[] pdf(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] head = Uploads.pdf("x");
        System.arraycopy(head, 0, bytes, 0, 16);
        return bytes;
    }

    protected String upload(String filename, byte[] bytes) {
        Uploads.Response r = uploads.post("/api/documents", TOKENS.official(baltimore),
                Uploads.document("CERTIFICATION", Uploads.title(), filename, bytes).end());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (String) new TestHttp.Response(201, Map.of(), r.body()).json().get("id");
    }

    protected DocumentVersion version(String id, int number) {
        return versions.findByDocumentIdOrderByNumber(UUID.fromString(id)).get(number - 1);
    }

    protected Uploads.Response content(String id, Map<String, String> headers) {
        return uploads.get("/api/documents/" + id + "/content", TOKENS.auditor(), headers);
    }

    @Test
    void aSmallAndAMultiPartFileComeBackByteForByte() {
        byte[] small = Uploads.pdf("small");
        byte[] large = pdf(LARGE, 1);
        String smallId = upload("small.pdf", small);
        String largeId = upload("large.pdf", large);
        assertThat(content(smallId, Map.of()).bytes()).isEqualTo(small);
        Uploads.Response whole = content(largeId, Map.of());
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.header("Content-Length")).isEqualTo(String.valueOf(LARGE));
        assertThat(whole.bytes()).isEqualTo(large);
        // Stored under its final key, byte for byte, and nothing left under tmp/.
        DocumentVersion stored = version(largeId, 1);
        assertThat(stored.storageKey()).startsWith("blobs/");
        assertThat(read(stored.storageKey())).isEqualTo(large);
        assertThat(keys("tmp/")).isEmpty();
    }

    @Test
    void rangesAcrossPartBoundariesAndAtTheEnds() {
        byte[] large = pdf(LARGE, 2);
        String id = upload("ranges.pdf", large);
        int boundary = 5 * 1024 * 1024;
        Uploads.Response across = content(id, Map.of("Range", "bytes=" + (boundary - 100) + "-" + (boundary + 99)));
        assertThat(across.status()).isEqualTo(206);
        assertThat(across.header("Content-Range")).isEqualTo("bytes " + (boundary - 100) + "-" + (boundary + 99) + "/" + LARGE);
        assertThat(across.bytes()).isEqualTo(Arrays.copyOfRange(large, boundary - 100, boundary + 100));
        assertThat(content(id, Map.of("Range", "bytes=0-9")).bytes()).isEqualTo(Arrays.copyOfRange(large, 0, 10));
        assertThat(content(id, Map.of("Range", "bytes=-7")).bytes()).isEqualTo(Arrays.copyOfRange(large, LARGE - 7, LARGE));
        Uploads.Response open = content(id, Map.of("Range", "bytes=" + (LARGE - 1000) + "-"));
        assertThat(open.status()).isEqualTo(206);
        assertThat(open.bytes()).isEqualTo(Arrays.copyOfRange(large, LARGE - 1000, LARGE));
        Uploads.Response outside = content(id, Map.of("Range", "bytes=" + LARGE + "-"));
        assertThat(outside.status()).isEqualTo(416);
        assertThat(outside.isProblem()).isTrue();
    }

    @Test
    void aNewVersionIsStoredApartAndTheOldOneStaysReadable() {
        byte[] first = Uploads.pdf("first");
        byte[] second = pdf(6 * 1024 * 1024, 3);
        String id = upload("v.pdf", first);
        Uploads.Response r = uploads.post("/api/documents/" + id + "/versions", TOKENS.official(baltimore),
                Uploads.body().file("v.pdf", second).end());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(content(id, Map.of()).bytes()).isEqualTo(second);
        assertThat(uploads.get("/api/documents/" + id + "/versions/1/content", TOKENS.auditor(), Map.of()).bytes()).isEqualTo(first);
        assertThat(version(id, 1).storageKey()).isNotEqualTo(version(id, 2).storageKey());
        assertThat(exists(version(id, 1).storageKey())).isTrue();
        assertThat(exists(version(id, 2).storageKey())).isTrue();
    }

    @Test
    void aSoftDeletedDocumentKeepsItsBytes() {
        String id = upload("gone.pdf", Uploads.pdf("deleted"));
        String key = version(id, 1).storageKey();
        assertThat(http.delete("/api/documents/" + id, TOKENS.official(baltimore)).status()).isEqualTo(204);
        assertThat(content(id, Map.of()).status()).isEqualTo(404);
        assertThat(exists(key)).isTrue();
        assertThat(read(key)).isEqualTo(Uploads.pdf("deleted"));
    }

    @Test
    void aLockedVersionIsNeitherReplacedNorDeletedAndStaysReadable() {
        byte[] signed = Uploads.pdf("signed");
        String id = upload("signed.pdf", signed);
        TestHttp.Response lock = http.post("/api/documents/locks", TOKENS.service("grants"), Map.of("submissionId",
                UUID.randomUUID().toString(), "jurisdictionId", baltimore.toString(), "documentIds", List.of(id)));
        assertThat(lock.status()).as(lock.toString()).isEqualTo(200);
        Uploads.Response replace = uploads.post("/api/documents/" + id + "/versions", TOKENS.official(baltimore),
                Uploads.body().file("signed.pdf", Uploads.pdf("swapped")).end());
        assertThat(replace.status()).isEqualTo(409);
        assertThat(replace.body()).contains("document-locked");
        assertThat(http.delete("/api/documents/" + id, TOKENS.official(baltimore)).status()).isEqualTo(409);
        assertThat(content(id, Map.of()).bytes()).isEqualTo(signed);
        assertThat(keys("tmp/")).isEmpty();
    }

    @Test
    void theReaperRemovesOrphansOlderThanTheGraceButNeverARecordedVersion() throws Exception {
        String kept = upload("kept.pdf", Uploads.pdf("kept"));
        String keptKey = version(kept, 1).storageKey();
        String temporary = "tmp/" + UUID.randomUUID();
        String unrecorded = "blobs/" + UUID.randomUUID();
        write(temporary, Uploads.text("orphan"));
        write(unrecorded, Uploads.text("orphan"));
        // Past the grace (and past a whole second: S3 times objects to the second).
        Thread.sleep(config.getReaperGrace().toMillis() + 1500);
        String fresh = "tmp/" + UUID.randomUUID();
        write(fresh, Uploads.text("in flight"));
        assertThat(reaper.reap(config.getReaperGrace())).isEqualTo(2);
        assertThat(exists(temporary)).isFalse();
        assertThat(exists(unrecorded)).isFalse();
        assertThat(exists(fresh)).isTrue();
        assertThat(exists(keptKey)).isTrue();
        assertThat(content(kept, Map.of()).bytes()).isEqualTo(Uploads.pdf("kept"));
        remove(fresh);
    }

    @Test
    void bytesChangedInTheStoreAreNeverServedAndTheScrubReportsThem() {
        byte[] original = pdf(64 * 1024, 4);
        String id = upload("form.pdf", original);
        byte[] tampered = original.clone();
        tampered[40_000] ^= 1;                       // same size, one bit flipped
        write(version(id, 1).storageKey(), tampered);
        Uploads.Response response = content(id, Map.of());
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body()).contains("urn:grantline:problem:document-corrupt");
        assertThat(content(id, Map.of("Range", "bytes=0-3")).status()).isEqualTo(409);
        assertThat(http.get("/api/documents/" + id, TOKENS.auditor()).body()).contains("\"corrupt\":true");

        String intact = upload("fine.pdf", Uploads.pdf("fine"));
        String missing = upload("missing.pdf", Uploads.pdf("missing"));
        String swapped = upload("swapped.pdf", Uploads.pdf("swapped"));
        remove(version(missing, 1).storageKey());
        write(version(swapped, 1).storageKey(), Uploads.pdf("a different, longer file"));
        TestHttp.Response scrub = http.post("/api/documents/scrub", TOKENS.admin(), Map.of());
        assertThat(scrub.status()).isEqualTo(200);
        assertThat(scrub.json()).containsEntry("backend", backendName());
        assertThat(scrub.body()).contains(id).contains(missing).contains("missing").contains(swapped).doesNotContain(intact);
        assertThat(content(swapped, Map.of()).status()).isEqualTo(409);
        assertThat(content(intact, Map.of()).bytes()).isEqualTo(Uploads.pdf("fine"));
    }

    @Test
    void aStoreThatRefusesNewBytesIs503WithNothingRecorded() throws Exception {
        String existing = upload("existing.pdf", Uploads.pdf("existing"));
        long versionsBefore = versions.count();
        long documentsBefore = documents.count();
        breakStorage();
        try {
            Uploads.Response small = uploads.post("/api/documents", TOKENS.official(baltimore),
                    Uploads.document("CERTIFICATION", Uploads.title(), "a.pdf", Uploads.pdf("a")).end());
            assertThat(small.status()).as(small.toString()).isEqualTo(503);
            assertThat(small.isProblem()).isTrue();
            assertThat(small.body()).contains("urn:grantline:problem:storage-unavailable");
            Uploads.Response large = uploads.post("/api/documents", TOKENS.official(baltimore),
                    Uploads.document("CERTIFICATION", Uploads.title(), "b.pdf", pdf(LARGE, 5)).end());
            assertThat(large.status()).as(large.toString()).isEqualTo(503);
            assertThat(large.body()).contains("storage-unavailable");
            Uploads.Response version = uploads.post("/api/documents/" + existing + "/versions", TOKENS.official(baltimore),
                    Uploads.body().file("existing.pdf", Uploads.pdf("v2")).end());
            assertThat(version.status()).as(version.toString()).isEqualTo(503);
        } finally {
            repairStorage();
        }
        assertThat(versions.count()).isEqualTo(versionsBefore);
        assertThat(documents.count()).isEqualTo(documentsBefore);
        assertThat(keys("tmp/")).isEmpty();
        assertThat(http.get("/api/documents/" + existing, TOKENS.auditor()).body()).contains("\"currentVersion\":1");
        // And once the store is back, uploads work again.
        assertThat(content(upload("after.pdf", Uploads.pdf("after")), Map.of()).bytes()).isEqualTo(Uploads.pdf("after"));
    }

    @Test
    void aWriteThatFailsPartWayIs503AndItsTemporaryBytesAreDiscarded() {
        long versionsBefore = versions.count();
        int blobsBefore = keys("blobs/").size();
        FailingStore.failAfter(6L * 1024 * 1024);    // after S3's first part went up
        Uploads.Response response = uploads.post("/api/documents", TOKENS.official(baltimore),
                Uploads.document("CERTIFICATION", Uploads.title(), "c.pdf", pdf(LARGE, 6)).end());
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body()).contains("storage-unavailable").doesNotContain("malformed");
        assertThat(versions.count()).isEqualTo(versionsBefore);
        assertThat(keys("tmp/")).isEmpty();
        assertThat(keys("blobs/")).hasSize(blobsBefore);
    }
}

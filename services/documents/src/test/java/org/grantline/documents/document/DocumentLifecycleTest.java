package org.grantline.documents.document;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.documents.storage.OrphanReaper;
import org.grantline.documents.support.DocumentsTestSupport;
import org.grantline.documents.support.Uploads;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Download and integrity, the access matrix, versions, locks for the grants service, deletion, scrub and reaper. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentLifecycleTest implements TestPropertyProvider {
    static final TestTokens TOKENS = TestTokens.shared();
    final Path store = DocumentsTestSupport.freshStore();
    final UUID baltimore = UUID.randomUUID();
    final UUID stockton = UUID.randomUUID();

    @Inject
    EmbeddedServer server;
    @Inject
    DocumentVersionRepository versions;
    @Inject
    OrphanReaper reaper;
    Uploads uploads;
    TestHttp http;

    @Override
    public Map<String, String> getProperties() {
        return DocumentsTestSupport.properties(store);
    }

    @BeforeAll
    void clients() {
        uploads = new Uploads(server.getURL().toString());
        http = new TestHttp(server.getURL().toString());
    }

    String upload(String token, String kind, String filename, byte[] bytes) {
        Uploads.Response r = uploads.post("/api/documents", token, Uploads.document(kind, Uploads.title(), filename, bytes).end());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (String) new TestHttp.Response(201, Map.of(), r.body()).json().get("id");
    }

    Uploads.Response newVersion(String id, String token, String filename, byte[] bytes) {
        return uploads.post("/api/documents/" + id + "/versions", token, Uploads.body().file(filename, bytes).end());
    }

    Uploads.Response get(String path, String token) {
        return uploads.get(path, token, Map.of());
    }

    Map<String, Object> lock(UUID submission, UUID jurisdiction, String... ids) {
        TestHttp.Response r = http.post("/api/documents/locks", TOKENS.service("grants"),
                Map.of("submissionId", submission.toString(), "jurisdictionId", jurisdiction.toString(), "documentIds", List.of(ids)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theBytesComeBackWithTypeDispositionEtagAndRanges() {
        byte[] pdf = Uploads.pdf("0123456789".repeat(100));
        String id = upload(TOKENS.official(baltimore), "CERTIFICATION", "Signed \u00e9 form%.pdf", pdf);
        Uploads.Response whole = get("/api/documents/" + id + "/content", TOKENS.official(baltimore));
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(pdf);
        assertThat(whole.header("Content-Type")).startsWith("application/pdf");
        assertThat(whole.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"Signed _ form_.pdf\"; filename*=UTF-8''Signed%20%C3%A9%20form%25.pdf");
        String etag = whole.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{64}\"");
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");

        Uploads.Response part = uploads.get("/api/documents/" + id + "/content", TOKENS.official(baltimore), Map.of("Range", "bytes=10-19"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 10-19/" + pdf.length);
        assertThat(part.bytes()).isEqualTo(java.util.Arrays.copyOfRange(pdf, 10, 20));
        Uploads.Response tail = uploads.get("/api/documents/" + id + "/versions/1/content", TOKENS.auditor(), Map.of("Range", "bytes=-5"));
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.bytes()).isEqualTo(java.util.Arrays.copyOfRange(pdf, pdf.length - 5, pdf.length));
        Uploads.Response outside = uploads.get("/api/documents/" + id + "/content", TOKENS.auditor(), Map.of("Range", "bytes=99999-"));
        assertThat(outside.status()).isEqualTo(416);
        assertThat(outside.isProblem()).isTrue();
        Uploads.Response unchanged = uploads.get("/api/documents/" + id + "/content", TOKENS.auditor(), Map.of("If-None-Match", etag));
        assertThat(unchanged.status()).isEqualTo(304);
    }

    @Test
    void officialsReadOnlyTheirOwnJurisdictionByEveryPathAndOthersSeeA404() {
        String own = upload(TOKENS.legalOfficer(baltimore), "LEGAL_OPINION", "opinion.txt", Uploads.text("Opinion of counsel"));
        String other = TOKENS.official(stockton);
        for (String path : List.of("/api/documents/" + own, "/api/documents/" + own + "/versions",
                "/api/documents/" + own + "/content", "/api/documents/" + own + "/versions/1/content")) {
            Uploads.Response foreign = get(path, other);
            assertThat(foreign.status()).as(path).isEqualTo(404);
            assertThat(foreign.body()).doesNotContain("Opinion of counsel").doesNotContain("opinion.txt");
            assertThat(get(path, TOKENS.official(baltimore)).status()).as(path).isEqualTo(200);
            assertThat(get(path, TOKENS.auditor()).status()).as(path).isEqualTo(200);
            assertThat(get(path, TOKENS.dojOfficer()).status()).as(path).isEqualTo(200);
            assertThat(get(path, TOKENS.admin()).status()).as(path).isEqualTo(200);
        }
        TestHttp.Response filtered = http.get("/api/documents?jurisdictionId=" + baltimore, other);
        assertThat(filtered.status()).isEqualTo(200);
        assertThat(filtered.json()).containsEntry("total", 0);
        assertThat(http.get("/api/documents?jurisdictionId=" + baltimore, TOKENS.auditor()).body()).contains(own);
        assertThat(http.get("/api/documents?size=100", other).body()).doesNotContain(own);
        // Nor can another jurisdiction change it.
        assertThat(newVersion(own, other, "x.txt", Uploads.text("mine now")).status()).isEqualTo(404);
        assertThat(http.delete("/api/documents/" + own, other).status()).isEqualTo(404);
    }

    @Test
    void whoMayFileWhat() {
        byte[] pdf = Uploads.pdf("letter");
        // DOJ files letters and court orders, for any jurisdiction; the jurisdiction then reads them.
        Uploads.Response letter = uploads.post("/api/documents", TOKENS.dojOfficer(), Uploads.body().field("kind", "DOJ_LETTER")
                .field("title", "Letter to Baltimore").field("jurisdictionId", baltimore.toString()).file("letter.pdf", pdf).end());
        assertThat(letter.status()).as(letter.toString()).isEqualTo(201);
        String letterId = (String) new TestHttp.Response(201, Map.of(), letter.body()).json().get("id");
        assertThat(get("/api/documents/" + letterId + "/content", TOKENS.official(baltimore)).status()).isEqualTo(200);
        assertThat(get("/api/documents/" + letterId + "/content", TOKENS.official(stockton)).status()).isEqualTo(404);
        assertThat(uploads.post("/api/documents", TOKENS.dojOfficer(), Uploads.document("COURT_ORDER", "Order", "o.pdf", pdf).end())
                .status()).isEqualTo(201);
        // DOJ does not file a jurisdiction's certification; a jurisdiction does not file DOJ letters or for others.
        assertThat(uploads.post("/api/documents", TOKENS.dojOfficer(), Uploads.document("CERTIFICATION", "C", "c.pdf", pdf).end())
                .status()).isEqualTo(403);
        assertThat(uploads.post("/api/documents", TOKENS.official(baltimore), Uploads.document("DOJ_LETTER", "L", "l.pdf", pdf).end())
                .status()).isEqualTo(403);
        assertThat(uploads.post("/api/documents", TOKENS.official(baltimore), Uploads.body().field("kind", "POLICY")
                .field("title", "T").field("jurisdictionId", stockton.toString()).file("p.pdf", pdf).end()).status()).isEqualTo(403);
        // Auditors, admins and services read only.
        for (String token : List.of(TOKENS.auditor(), TOKENS.admin(), TOKENS.service("grants"))) {
            assertThat(uploads.post("/api/documents", token, Uploads.document("POLICY", "T", "p.pdf", pdf).end()).status()).isEqualTo(403);
        }
    }

    @Test
    void newVersionsKeepEarlierOnesReadable() {
        String id = upload(TOKENS.official(baltimore), "POLICY", "policy.txt", Uploads.text("version one"));
        Uploads.Response second = newVersion(id, TOKENS.legalOfficer(baltimore), "policy.txt", Uploads.text("version two"));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.body()).contains("\"currentVersion\":2");
        assertThat(get("/api/documents/" + id + "/content", TOKENS.auditor()).body()).isEqualTo("version two");
        assertThat(get("/api/documents/" + id + "/versions/1/content", TOKENS.auditor()).body()).isEqualTo("version one");
        assertThat(get("/api/documents/" + id + "/versions/3/content", TOKENS.auditor()).status()).isEqualTo(404);
        assertThat(http.get("/api/documents/" + id + "/versions", TOKENS.auditor()).jsonList()).hasSize(2);
        assertThat(http.get("/api/documents/audit?entityType=document&entityId=" + id, TOKENS.auditor()).body())
                .contains("document.version-added");
    }

    @Test
    void aVersionASubmittedCertificationRestsOnIsLockedIdempotently() {
        String id = upload(TOKENS.legalOfficer(baltimore), "CERTIFICATION", "signed.pdf", Uploads.pdf("signed"));
        UUID submission = UUID.randomUUID();
        Map<String, Object> first = lock(submission, baltimore, id);
        Map<String, Object> again = lock(submission, baltimore, id);
        assertThat(again).isEqualTo(first);
        assertThat(first.toString()).contains("versionNumber=1");
        Uploads.Response replace = newVersion(id, TOKENS.legalOfficer(baltimore), "signed.pdf", Uploads.pdf("swapped"));
        assertThat(replace.status()).isEqualTo(409);
        assertThat(replace.body()).contains("document-locked");
        TestHttp.Response delete = http.delete("/api/documents/" + id, TOKENS.legalOfficer(baltimore));
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.isProblem()).isTrue();
        assertThat(get("/api/documents/" + id + "/content", TOKENS.auditor()).body()).contains("signed");
        assertThat(http.get("/api/documents/" + id, TOKENS.auditor()).body()).contains("\"locked\":true");
    }

    @Test
    void theGrantsServiceChecksDocumentsAndOnlyItMayLock() {
        String own = upload(TOKENS.official(baltimore), "CERTIFICATION", "c.pdf", Uploads.pdf("c"));
        String foreign = upload(TOKENS.official(stockton), "CERTIFICATION", "c.pdf", Uploads.pdf("c"));
        String missing = UUID.randomUUID().toString();
        TestHttp.Response check = http.post("/api/documents/checks", TOKENS.service("grants"),
                Map.of("jurisdictionId", baltimore.toString(), "documentIds", List.of(own, foreign, missing)));
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json()).containsEntry("allOk", false);
        assertThat(check.body()).contains("{\"documentId\":\"" + own + "\",\"status\":\"OK\",\"currentVersion\":1}")
                .contains("{\"documentId\":\"" + foreign + "\",\"status\":\"FOREIGN\",\"currentVersion\":null}")
                .contains("{\"documentId\":\"" + missing + "\",\"status\":\"MISSING\",\"currentVersion\":null}");
        TestHttp.Response badLock = http.post("/api/documents/locks", TOKENS.service("grants"), Map.of("submissionId",
                UUID.randomUUID().toString(), "jurisdictionId", baltimore.toString(), "documentIds", List.of(own, foreign)));
        assertThat(badLock.status()).isEqualTo(400);
        assertThat(http.get("/api/documents/" + own, TOKENS.auditor()).body()).contains("\"locked\":false");
        for (String token : List.of(TOKENS.official(baltimore), TOKENS.dojOfficer(), TOKENS.admin())) {
            assertThat(http.post("/api/documents/locks", token, Map.of("submissionId", UUID.randomUUID().toString(),
                    "jurisdictionId", baltimore.toString(), "documentIds", List.of(own))).status()).isEqualTo(403);
        }
    }

    @Test
    void anUnlockedDocumentIsDeletedSoftlyHiddenKeptAndAudited() {
        String id = upload(TOKENS.official(baltimore), "OTHER", "draft.txt", Uploads.text("draft"));
        assertThat(http.delete("/api/documents/" + id, TOKENS.auditor()).status()).isEqualTo(403);
        assertThat(http.delete("/api/documents/" + id, TOKENS.official(baltimore)).status()).isEqualTo(204);
        assertThat(http.get("/api/documents/" + id, TOKENS.auditor()).status()).isEqualTo(404);
        assertThat(get("/api/documents/" + id + "/content", TOKENS.official(baltimore)).status()).isEqualTo(404);
        assertThat(http.get("/api/documents?size=100", TOKENS.auditor()).body()).doesNotContain(id);
        assertThat(versions.findByDocumentIdOrderByNumber(UUID.fromString(id))).hasSize(1);
        String key = versions.findByDocumentIdOrderByNumber(UUID.fromString(id)).get(0).storageKey();
        assertThat(store.resolve(key)).exists();
        assertThat(http.get("/api/documents/audit?entityType=document&entityId=" + id, TOKENS.auditor()).body())
                .contains("document.deleted");
    }

    @Test
    void bytesThatNoLongerMatchTheirHashAreNeverServedAndAreReported() throws Exception {
        String id = upload(TOKENS.official(baltimore), "CERTIFICATION", "form.pdf", Uploads.pdf("original"));
        DocumentVersion version = versions.findByDocumentIdOrderByNumber(UUID.fromString(id)).get(0);
        byte[] tampered = Uploads.pdf("tampered");
        Files.write(store.resolve(version.storageKey()), tampered);
        Uploads.Response response = get("/api/documents/" + id + "/content", TOKENS.official(baltimore));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body()).contains("urn:grantline:problem:document-corrupt").doesNotContain("tampered");
        assertThat(uploads.get("/api/documents/" + id + "/content", TOKENS.auditor(), Map.of("Range", "bytes=0-3")).status())
                .isEqualTo(409);
        assertThat(http.get("/api/documents/" + id, TOKENS.auditor()).body()).contains("\"corrupt\":true");
        assertThat(http.get("/api/documents/audit?entityType=document&entityId=" + id, TOKENS.auditor()).body())
                .contains("document.corrupt");

        String intact = upload(TOKENS.official(baltimore), "POLICY", "fine.txt", Uploads.text("fine"));
        String broken = upload(TOKENS.official(baltimore), "POLICY", "gone.txt", Uploads.text("gone"));
        Files.delete(store.resolve(versions.findByDocumentIdOrderByNumber(UUID.fromString(broken)).get(0).storageKey()));
        assertThat(http.post("/api/documents/scrub", TOKENS.auditor(), Map.of()).status()).isEqualTo(403);
        TestHttp.Response scrub = http.post("/api/documents/scrub", TOKENS.admin(), Map.of());
        assertThat(scrub.status()).isEqualTo(200);
        assertThat(scrub.json()).containsEntry("backend", "local");
        assertThat(scrub.body()).contains(id).contains(broken).contains("missing").doesNotContain(intact);
    }

    @Test
    void anUploadRefusedBeforeItsBodyIsReadIsStillAnsweredPromptly() {
        // Bodies within the limit but larger than socket buffers hold: the client writes them whole before reading.
        byte[] large = new byte[24 * 1024 * 1024];
        System.arraycopy(Uploads.pdf("x"), 0, large, 0, 20);
        long start = System.nanoTime();
        Uploads.Response forbidden = uploads.post("/api/documents", TOKENS.auditor(),
                Uploads.document("POLICY", Uploads.title(), "big.pdf", large).end());
        assertThat(forbidden.status()).isEqualTo(403);
        String id = upload(TOKENS.official(baltimore), "CERTIFICATION", "locked.pdf", Uploads.pdf("locked"));
        lock(UUID.randomUUID(), baltimore, id);
        Uploads.Response locked = newVersion(id, TOKENS.official(baltimore), "locked.pdf", large);
        assertThat(locked.status()).isEqualTo(409);
        assertThat(locked.body()).contains("document-locked");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void theReaperRemovesOrphanedBytesButNeverARecordedVersion() throws Exception {
        String kept = upload(TOKENS.official(baltimore), "POLICY", "kept.txt", Uploads.text("kept"));
        Path keptFile = store.resolve(versions.findByDocumentIdOrderByNumber(UUID.fromString(kept)).get(0).storageKey());
        Path temporary = store.resolve("tmp/" + UUID.randomUUID());
        Path unrecorded = store.resolve("blobs/" + UUID.randomUUID());
        Path fresh = store.resolve("tmp/" + UUID.randomUUID());
        for (Path p : List.of(temporary, unrecorded, fresh)) {
            Files.writeString(p, "orphan");
        }
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (Path p : List.of(temporary, unrecorded, keptFile)) {
            Files.setLastModifiedTime(p, old);
        }
        assertThat(reaper.reap(Duration.ofHours(1))).isEqualTo(2);
        assertThat(temporary).doesNotExist();
        assertThat(unrecorded).doesNotExist();
        assertThat(fresh).exists();          // an upload still in flight
        assertThat(keptFile).exists();
        assertThat(get("/api/documents/" + kept + "/content", TOKENS.auditor()).body()).isEqualTo("kept");
        Files.delete(fresh);
    }
}

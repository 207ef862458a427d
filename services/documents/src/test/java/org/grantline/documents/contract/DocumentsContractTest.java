package org.grantline.documents.contract;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.documents.support.DocumentsTestSupport;
import org.grantline.documents.support.Uploads;
import org.grantline.shared.test.OpenApiContract;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The documents service against its own published OpenAPI document: real requests to every
 * operation, successes and errors alike, and each answer (status, required headers, media type,
 * JSON body) must be one the document describes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsContractTest implements TestPropertyProvider {
    static final TestTokens TOKENS = TestTokens.shared();
    final UUID baltimore = UUID.randomUUID();

    @Inject
    EmbeddedServer server;
    OpenApiContract contract;
    TestHttp http;
    Uploads uploads;

    @Override
    public Map<String, String> getProperties() {
        return DocumentsTestSupport.properties(DocumentsTestSupport.freshStore());
    }

    @BeforeAll
    void clients() {
        contract = OpenApiContract.published(server.getURL().toString(), "documents");
        http = new TestHttp(server.getURL().toString(), contract);
        uploads = new Uploads(server.getURL().toString());
    }

    /** A multipart or byte request, checked like every TestHttp answer. */
    Uploads.Response send(String method, String path, String token, byte[] body, Map<String, String> headers) {
        Uploads.Response r = body == null ? uploads.get(path, token, headers) : uploads.post(path, token, body);
        contract.check(method, path, new TestHttp.Response(r.status(), r.headers(), r.body()));
        return r;
    }

    String upload(String token) {
        Uploads.Response r = send("POST", "/api/documents", token,
                Uploads.document("CERTIFICATION", Uploads.title(), "signed.pdf", Uploads.pdf("certified")).end(), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.header("Location")).startsWith("/api/documents/");
        return (String) new TestHttp.Response(201, Map.of(), r.body()).json().get("id");
    }

    @Test
    void everyOperationAnswersAsItsDocumentSays() {
        String official = TOKENS.official(baltimore);
        String id = upload(official);
        String other = upload(official);

        // uploads refused: a field breaking a rule, no file, no token, a role that may not upload
        assertThat(send("POST", "/api/documents", official, Uploads.document("NOT_A_KIND", "t", "a.pdf", Uploads.pdf("x")).end(),
                Map.of()).status()).isEqualTo(400);
        assertThat(send("POST", "/api/documents", official, Uploads.body().field("kind", "POLICY").field("title", "t").end(),
                Map.of()).status()).isEqualTo(400);
        assertThat(send("POST", "/api/documents", null, Uploads.document("POLICY", "t", "a.pdf", Uploads.pdf("x")).end(),
                Map.of()).status()).isEqualTo(401);
        assertThat(send("POST", "/api/documents", TOKENS.auditor(), Uploads.document("POLICY", "t", "a.pdf", Uploads.pdf("x")).end(),
                Map.of()).status()).isEqualTo(403);

        assertThat(http.get("/api/documents", official).status()).isEqualTo(200);
        assertThat(http.get("/api/documents?size=1000", official).status()).isEqualTo(400);
        assertThat(http.get("/api/documents?kind=CERTIFICATION&jurisdictionId=" + baltimore, TOKENS.dojOfficer()).status()).isEqualTo(200);
        assertThat(http.get("/api/documents/" + id, official).status()).isEqualTo(200);
        assertThat(http.get("/api/documents/" + UUID.randomUUID(), official).status()).isEqualTo(404);
        assertThat(http.get("/api/documents/" + id, null).status()).isEqualTo(401);
        assertThat(http.get("/api/documents/" + id + "/versions", official).status()).isEqualTo(200);

        Uploads.Response version = send("POST", "/api/documents/" + id + "/versions", official,
                Uploads.body().file("second.pdf", Uploads.pdf("second")).end(), Map.of());
        assertThat(version.status()).as(version.toString()).isEqualTo(201);

        Uploads.Response whole = send("GET", "/api/documents/" + id + "/content", official, null, Map.of());
        assertThat(whole.status()).isEqualTo(200);
        assertThat(send("GET", "/api/documents/" + id + "/content", official, null, Map.of("Range", "bytes=0-3")).status()).isEqualTo(206);
        assertThat(send("GET", "/api/documents/" + id + "/content", official, null, Map.of("Range", "bytes=99999-")).status()).isEqualTo(416);
        assertThat(send("GET", "/api/documents/" + id + "/content", official, null, Map.of("If-None-Match", whole.header("ETag"))).status())
                .isEqualTo(304);
        assertThat(send("GET", "/api/documents/" + id + "/versions/1/content", official, null, Map.of()).status()).isEqualTo(200);
        assertThat(send("GET", "/api/documents/" + id + "/versions/9/content", official, null, Map.of()).status()).isEqualTo(404);
        assertThat(send("GET", "/api/documents/" + id + "/versions/0/content", official, null, Map.of()).status()).isEqualTo(400);

        String grants = TOKENS.service("grants");
        assertThat(http.post("/api/documents/checks", grants, Map.of("jurisdictionId", baltimore.toString(), "documentIds", List.of(id)))
                .status()).isEqualTo(200);
        assertThat(http.post("/api/documents/checks", grants, Map.of("jurisdictionId", "no-uuid", "documentIds", List.of(id)))
                .status()).isEqualTo(400);
        assertThat(http.post("/api/documents/checks", official, Map.of("jurisdictionId", baltimore.toString(), "documentIds", List.of(id)))
                .status()).isEqualTo(403);
        UUID submission = UUID.randomUUID();
        assertThat(http.post("/api/documents/locks", grants, Map.of("submissionId", submission.toString(),
                "jurisdictionId", baltimore.toString(), "documentIds", List.of(id))).status()).isEqualTo(200);

        assertThat(http.delete("/api/documents/" + id, official).status()).isEqualTo(409);
        assertThat(http.delete("/api/documents/" + other, official).status()).isEqualTo(204);
        assertThat(http.delete("/api/documents/" + other, official).status()).isEqualTo(404);

        assertThat(http.get("/api/documents/audit", TOKENS.auditor()).status()).isEqualTo(200);
        assertThat(http.get("/api/documents/audit?size=0", TOKENS.auditor()).status()).isEqualTo(400);
        assertThat(http.get("/api/documents/audit", official).status()).isEqualTo(403);
        assertThat(http.post("/api/documents/scrub", TOKENS.admin(), null).status()).isEqualTo(200);

        assertThat(contract.checked()).hasSizeGreaterThan(30);
    }

    @Test
    void anAnswerTheDocumentDoesNotDescribeFails() {
        String official = TOKENS.official(baltimore);
        String id = upload(official);
        // A method the document does not list for this path (Micronaut answers 405).
        assertThatThrownBy(() -> http.send("PATCH", "/api/documents/" + id, official, "{}", Map.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("is not in the document");
        // The published document without the 404 of GET /api/documents/{id}: the real 404 now fails.
        String published = new TestHttp(server.getURL().toString()).get("/openapi/documents.yml", null).body();
        String without404 = published.replaceFirst(
                "(?s)(  /api/documents/\\{id}:\\n    get:.*?responses:\\n)        \"404\":\\n.*?(?=        \"\\d{3}\":)", "$1");
        assertThat(without404).isNotEqualTo(published);
        TestHttp strict = new TestHttp(server.getURL().toString(), OpenApiContract.of(without404));
        assertThatThrownBy(() -> strict.get("/api/documents/" + UUID.randomUUID(), official))
                .isInstanceOf(AssertionError.class).hasMessageContaining("-> 404: the document describes only");
    }
}

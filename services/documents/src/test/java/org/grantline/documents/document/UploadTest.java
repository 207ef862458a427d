package org.grantline.documents.document;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.documents.support.DocumentsTestSupport;
import org.grantline.documents.support.GrantsStub;
import org.grantline.documents.support.Uploads;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads: streamed, hashed, typed from their bytes; every bad input a clear problem and nothing stored. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadTest implements TestPropertyProvider {
    static final TestTokens TOKENS = TestTokens.shared();
    static final int LIMIT = 256 * 1024;
    final Path store = DocumentsTestSupport.freshStore();
    final UUID baltimore = UUID.randomUUID();
    final GrantsStub grants = new GrantsStub();

    @Inject
    EmbeddedServer server;
    @Inject
    DocumentVersionRepository versions;
    Uploads uploads;
    TestHttp http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = DocumentsTestSupport.properties(store);
        p.put("grantline.documents.max-file-size", String.valueOf(LIMIT));
        p.put("micronaut.http.services.grants.urls", grants.url());
        return p;
    }

    @BeforeAll
    void clients() {
        uploads = new Uploads(server.getURL().toString());
        http = new TestHttp(server.getURL().toString());
    }

    @AfterAll
    void stopStub() {
        grants.close();
    }

    Uploads.Response upload(byte[] body) {
        return uploads.post("/api/documents", TOKENS.legalOfficer(baltimore), body);
    }

    void assertNothingStored(long versionsBefore) {
        assertThat(versions.count()).isEqualTo(versionsBefore);
        assertThat(DocumentsTestSupport.files(store, "tmp")).isZero();
        assertThat(DocumentsTestSupport.files(store, "blobs")).isEqualTo(versionsBefore);
    }

    @Test
    void anUploadIsStoredWithItsHashDetectedTypeSizeLinksAndUploader() throws Exception {
        byte[] pdf = Uploads.pdf("signed certification");
        UUID award = grants.award(baltimore);
        String title = Uploads.title();
        Uploads.Response created = upload(Uploads.body().field("kind", "certification").field("title", title)
                .field("awardId", award.toString()).file("Signed form.pdf", pdf).end());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Map<String, Object> json = new TestHttp.Response(200, Map.of(), created.body()).json();
        assertThat(json).containsEntry("kind", "CERTIFICATION").containsEntry("title", title)
                .containsEntry("jurisdictionId", baltimore.toString()).containsEntry("awardId", award.toString())
                .containsEntry("createdBy", "test.counsel." + baltimore).containsEntry("currentVersion", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> current = (Map<String, Object>) json.get("current");
        assertThat(current).containsEntry("filename", "Signed form.pdf").containsEntry("contentType", "application/pdf")
                .containsEntry("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)))
                .containsEntry("number", 1).containsEntry("locked", false);
        assertThat(((Number) current.get("size")).longValue()).isEqualTo(pdf.length);
        assertThat(created.header("Location")).isEqualTo("/api/documents/" + json.get("id"));
        TestHttp.Response audit = http.get("/api/documents/audit?entityType=document&entityId=" + json.get("id"), TOKENS.auditor());
        assertThat(audit.body()).contains("document.uploaded");
    }

    @Test
    void eachAllowedKindOfFileIsRecognisedFromItsBytes() {
        Map<String, byte[]> files = Map.of(
                "application/pdf", Uploads.pdf("x"),
                "image/png", Uploads.png(),
                "image/jpeg", Uploads.jpeg(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Uploads.docx(),
                "text/plain; charset=UTF-8", Uploads.text("Ordinance 2017-41: the city does not restrict 1373 communications. é"));
        files.forEach((type, bytes) -> {
            // Deliberately named without an extension: the type comes from the bytes alone.
            Uploads.Response response = upload(Uploads.document("POLICY", Uploads.title(), "upload", bytes).end());
            assertThat(response.status()).as(type + ": " + response).isEqualTo(201);
            assertThat(response.body()).contains("\"contentType\":\"" + type + "\"");
        });
    }

    @Test
    void otherKindsOfFileAreRefusedWith415AndNothingIsStored() {
        long before = versions.count();
        byte[] gif = "GIF89a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
        byte[] plainZip = Uploads.zip(Map.of("evil.exe", "MZ"));
        byte[] binary = {0x7f, 'E', 'L', 'F', 0, 0, 0};
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] bytes : new byte[][]{gif, plainZip, binary, latin1}) {
            Uploads.Response response = upload(Uploads.document("POLICY", Uploads.title(), "file.bin", bytes).end());
            assertThat(response.status()).as(response.toString()).isEqualTo(415);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.body()).contains("urn:grantline:problem:unsupported-media-type");
        }
        assertNothingStored(before);
    }

    @Test
    void aPdfNameOnBytesThatAreNotPdfIsRefused() {
        long before = versions.count();
        Uploads.Response response = upload(Uploads.document("POLICY", Uploads.title(), "ordinance.pdf", Uploads.png()).end());
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).contains("content-type-mismatch").contains("image/png");
        assertNothingStored(before);
    }

    @Test
    void anEmptyFileIs400() {
        long before = versions.count();
        Uploads.Response response = upload(Uploads.document("POLICY", Uploads.title(), "empty.pdf", new byte[0]).end());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body()).contains("the file is empty");
        assertNothingStored(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "..\\\\..\\\\windows\\\\win.ini", "a%00.pdf", "invoice\u202Efdp.exe",
            "tab\there.pdf", "/etc/passwd", "..", "a\u2066b.pdf"})
    void pathTraversalControlAndBidiFileNamesAreRefusedAndNothingIsStored(String name) {
        long before = versions.count();
        Uploads.Response response = upload(Uploads.document("POLICY", Uploads.title(), name, Uploads.pdf("x")).end());
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body()).contains("\"field\":\"file\"");
        assertNothingStored(before);
    }

    @Test
    void aNulInAnExtendedFileNameIsRefusedToo() {
        long before = versions.count();
        Uploads.Response response = upload(Uploads.body().field("kind", "POLICY").field("title", Uploads.title())
                .rawFile("filename*=UTF-8''a%00.pdf", Uploads.pdf("x")).end());
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertNothingStored(before);
    }

    @Test
    void aUnicodeFileNameIsKeptAsMetadata() {
        Uploads.Response response = upload(Uploads.body().field("kind", "POLICY").field("title", Uploads.title())
                .rawFile("filename*=UTF-8''Ordonnance%20d%C3%A9cembre.pdf", Uploads.pdf("x")).end());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.body()).contains("Ordonnance décembre.pdf");
    }

    @Test
    void aMissingFilePartIs400() {
        long before = versions.count();
        Uploads.Response response = upload(Uploads.body().field("kind", "POLICY").field("title", Uploads.title()).end());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("no part named file");
        assertNothingStored(before);
    }

    @Test
    void severalFilePartsAre400AndNothingIsStored() {
        long before = versions.count();
        Uploads.Response response = upload(Uploads.document("POLICY", Uploads.title(), "a.pdf", Uploads.pdf("a"))
                .file("b.pdf", Uploads.pdf("b")).end());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("several file parts");
        assertNothingStored(before);
    }

    @Test
    void aTruncatedUploadIs400AndNothingIsStored() {
        long before = versions.count();
        byte[] whole = Uploads.document("POLICY", Uploads.title(), "a.pdf", Uploads.pdf("a".repeat(5000))).end();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3000);
        Uploads.Response response = upload(cut);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.body()).contains("malformed-multipart");
        Uploads.Response noClose = upload(Uploads.document("POLICY", Uploads.title(), "a.pdf", Uploads.pdf("a")).truncated());
        assertThat(noClose.status()).isEqualTo(400);
        assertNothingStored(before);
    }

    @Test
    void aBodyThatIsNotMultipartIs415() {
        long before = versions.count();
        Uploads.Response json = uploads.send("POST", "/api/documents", TOKENS.legalOfficer(baltimore),
                "{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.isProblem()).isTrue();
        Uploads.Response noBoundary = uploads.send("POST", "/api/documents", TOKENS.legalOfficer(baltimore),
                Uploads.pdf("x"), "multipart/form-data", Map.of());
        assertThat(noBoundary.status()).isEqualTo(415);
        assertThat(noBoundary.isProblem()).isTrue();
        assertNothingStored(before);
    }

    @Test
    void aFileOverTheLimitIs413AndNothingIsStored() {
        long before = versions.count();
        byte[] big = new byte[LIMIT + 1];
        System.arraycopy(Uploads.pdf("x"), 0, big, 0, 20);
        // Content-Length over the limit: refused before the body is read.
        // (Expect: 100-continue, as curl sends for large bodies: the client waits for the verdict.)
        Uploads.Response declared = uploads.send("POST", "/api/documents", TOKENS.legalOfficer(baltimore),
                Uploads.document("POLICY", Uploads.title(), "big.pdf", new byte[LIMIT + 100_000]).end(),
                "multipart/form-data; boundary=" + Uploads.BOUNDARY, Map.of("Expect", "100-continue"));
        assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
        assertThat(declared.isProblem()).isTrue();
        // Within the request limit, but the file itself one byte over: refused while streaming.
        Uploads.Response streamed = upload(Uploads.document("POLICY", Uploads.title(), "big.pdf", big).end());
        assertThat(streamed.status()).as(streamed.toString()).isEqualTo(413);
        assertThat(streamed.body()).contains("payload-too-large");
        assertNothingStored(before);
        byte[] atLimit = java.util.Arrays.copyOf(big, LIMIT);
        assertThat(upload(Uploads.document("POLICY", Uploads.title(), "limit.pdf", atLimit).end()).status()).isEqualTo(201);
    }

    /** A body several times the limit, so that it cannot fit into the socket buffers on its way. */
    static byte[] farOverTheLimit() {
        byte[] file = new byte[LIMIT * 32];
        System.arraycopy(Uploads.pdf("x"), 0, file, 0, 20);
        return Uploads.document("POLICY", Uploads.title(), "big.pdf", file).end();
    }

    /**
     * Without {@code Expect: 100-continue} the client is still writing when the server refuses. The
     * server answers 413 and closes; whether the client reads that answer before the reset that a
     * close with unread bytes causes is a race TCP decides (RFC 9112 §9.6), so either outcome is
     * accepted — what must never happen is a stall, or anything stored. The raw-socket test below
     * shows the 413 itself is always sent.
     */
    @Test
    void aClientThatDoesNotAskToContinueIsAnsweredPromptlyNeverLeftHanging() throws Exception {
        long before = versions.count();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/documents"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKENS.legalOfficer(baltimore))
                .header("Content-Type", "multipart/form-data; boundary=" + Uploads.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(farOverTheLimit()))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).contains("payload-too-large");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError("the refused upload was left hanging", e);
        } catch (java.io.IOException e) {
            // The server closed the connection on the client's unsent bytes: refused, promptly.
            assertThat(e).isNotInstanceOf(java.net.http.HttpTimeoutException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertNothingStored(before);
    }

    @Test
    void aChunkedUploadPastTheLimitIs413() throws Exception {
        long before = versions.count();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        byte[] body = farOverTheLimit();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/documents"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKENS.legalOfficer(baltimore))
                .header("Content-Type", "multipart/form-data; boundary=" + Uploads.BOUNDARY)
                // No length known up front: the JDK client sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("payload-too-large");
        assertNothingStored(before);
    }

    @Test
    void aRawClientThatSendsAHugeBodyWithoutWaitingHearsThe413() throws Exception {
        long before = versions.count();
        byte[] body = farOverTheLimit();
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(5000);
            String head = "POST /api/documents HTTP/1.1\r\nHost: " + server.getHost() + ":" + server.getPort() + "\r\n"
                    + "Authorization: Bearer " + TOKENS.legalOfficer(baltimore) + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + Uploads.BOUNDARY + "\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            // The writer goes on sending the whole body, as a naive client does; the reader waits for the answer.
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    for (int off = 0; off < body.length; off += 64 * 1024) {
                        out.write(body, off, Math.min(64 * 1024, body.length - off));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server may close the connection after answering: that is allowed
                }
            });
            writer.setDaemon(true);
            long start = System.nanoTime();
            writer.start();
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String status = reader.readLine();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(status).startsWith("HTTP/1.1 413");
            StringBuilder headers = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null && !line.isEmpty()) {
                headers.append(line.toLowerCase(java.util.Locale.ROOT)).append('\n');
            }
            assertThat(headers.toString()).contains("content-type: application/problem+json").contains("connection: close");
            // ... and the server ends the connection rather than leave the client writing into it.
            try {
                while (reader.read() >= 0) {
                    // the problem body, then the end of the stream
                }
            } catch (java.net.SocketException reset) {
                // closed with the rest of the body unread: a reset is an end too
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertNothingStored(before);
    }

    @Test
    void missingOrBadMetadataIs400NamingTheField() {
        long before = versions.count();
        Uploads.Response response = upload(Uploads.body().field("kind", "MEMO").field("awardId", "nope")
                .file("a.pdf", Uploads.pdf("x")).end());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"kind\"").contains("\"field\":\"title\"").contains("\"field\":\"awardId\"");
        assertNothingStored(before);
    }
}

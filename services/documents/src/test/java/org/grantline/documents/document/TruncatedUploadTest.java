package org.grantline.documents.document;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.documents.support.DocumentsTestSupport;
import org.grantline.documents.support.Uploads;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that promises more bytes than it sends and then stops (closes, or half-closes, its side
 * of the connection) made a client error: it is answered 400 where it can still be answered,
 * nothing is stored, and the service logs no ERROR for it (an ERROR is for the operator).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TruncatedUploadTest implements TestPropertyProvider {
    static final TestTokens TOKENS = TestTokens.shared();
    final Path store = DocumentsTestSupport.freshStore();
    final UUID baltimore = UUID.randomUUID();
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @Inject
    EmbeddedServer server;
    @Inject
    DocumentVersionRepository versions;

    @Override
    public Map<String, String> getProperties() {
        return DocumentsTestSupport.properties(store);
    }

    @BeforeEach
    void captureLogs() {
        logged.list.clear();
        logged.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
    }

    /** Sends the headers of an upload declaring {@code declared} bytes, then {@code sent} of them, then ends its side. */
    String cutOff(boolean halfClose) throws Exception {
        byte[] whole = Uploads.document("POLICY", Uploads.title(), "cut.pdf", Uploads.pdf("x".repeat(400_000))).end();
        byte[] part = Arrays.copyOf(whole, 150_000);
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKENS.legalOfficer(baltimore)
                    + "\r\nContent-Type: multipart/form-data; boundary=" + Uploads.BOUNDARY
                    + "\r\nContent-Length: " + whole.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.flush();
            if (!halfClose) {
                return "";
            }
            socket.shutdownOutput();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try (InputStream in = socket.getInputStream()) {
                in.transferTo(answer);
            } catch (java.io.IOException reset) {
                // the server may close without an answer: there is no request left to answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    void assertNoErrorLoggedAndNothingStored(long before) {
        // The server notices the cut-off connection on its own time.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                        .as(() -> logged.list.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage())
                                .toList().toString())
                        .isEmpty());
        assertThat(versions.count()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(DocumentsTestSupport.files(store, "tmp")).isZero());
    }

    @Test
    void anUploadCutOffByAHalfCloseIsAClientErrorNotAnErrorLog() throws Exception {
        long before = versions.count();
        String answer = cutOff(true);
        if (!answer.isEmpty()) {
            assertThat(answer).startsWith("HTTP/1.1 400");
        }
        assertNoErrorLoggedAndNothingStored(before);
    }

    @Test
    void anUploadWhoseConnectionIsDroppedIsNoErrorLog() throws Exception {
        long before = versions.count();
        cutOff(false);
        assertNoErrorLoggedAndNothingStored(before);
    }
}

package org.grantline.gateway.routing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile clients at the edge: oversized headers, trickled headers, oversized chunked uploads, truncated uploads. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeLimitsTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    final StubService documents = new StubService("documents-1");

    @Inject
    EmbeddedServer server;
    TestHttp http;
    String official;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        p.put("micronaut.http.services.documents.urls", documents.url());
        p.put("grantline.routes.documents.max-request-size", "1MB");
        p.put("micronaut.server.max-request-size", "1MB");
        p.put("micronaut.server.multipart.max-file-size", "1MB");
        p.put("grantline.server.header-timeout", "2s");
        return p;
    }

    @BeforeAll
    void signIn() {
        http = new TestHttp(server.getURL().toString());
        String admin = GatewayTestSupport.accessToken(http, ADMIN);
        official = GatewayTestSupport.accessToken(http, GatewayTestSupport.createUser(http, admin, "uploader",
                List.of(Roles.JURISDICTION_OFFICIAL), java.util.UUID.randomUUID()));
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        documents.close();
    }

    Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.getPort());
        socket.setSoTimeout(15_000);
        return socket;
    }

    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // the server closed the connection: what came before is the answer
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    @Test
    void headersTooLargeAre431() throws IOException {
        try (Socket socket = connect()) {
            String big = "x".repeat(20_000);
            socket.getOutputStream().write(("GET /api/me HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + big
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = read(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 431");
            assertThat(answer).contains("application/problem+json").contains("urn:grantline:problem:headers-too-large");
        }
    }

    @Test
    void aClientTricklingItsHeadersIsCutOffAfterTheHeaderTimeout() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            out.write("GET /api/me HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean cut = false;
            for (int i = 0; i < 12 && !cut; i++) {
                Thread.sleep(500);
                try {
                    out.write(("X-Slow-" + i + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    socket.setSoTimeout(1);
                    try {
                        cut = socket.getInputStream().read() == -1;
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        // nothing yet
                    }
                } catch (IOException closed) {
                    cut = true;
                }
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertThat(cut).as("the connection was closed").isTrue();
            assertThat(seconds).as("after about the 2 s header timeout, although a byte came every half second").isLessThan(5);
        }
    }

    @Test
    void aChunkedUploadOverTheLimitIs413ThroughTheGateway() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + official
                    + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int i = 0; i < 40; i++) {   // 2.5 MB against a 1 MB limit
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException refusedMidway) {
                // the gateway may answer and close before all is sent
            }
            String answer = read(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("application/problem+json");
        }
        assertThat(errorsLogged()).isEmpty();
    }

    @Test
    void aTruncatedUploadIsAClientErrorNotAnErrorLogAndA502() throws IOException {
        logs.list.clear();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + official
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 500000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[20_000]);
            out.flush();
            socket.shutdownOutput();   // the client stops sending, 480,000 bytes short
            String answer = read(socket.getInputStream());
            if (!answer.isEmpty()) {
                assertThat(answer.substring(9, 10)).as(answer).isEqualTo("4");
            }
        }
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(errorsLogged()).isEmpty();
        assertThat(http.get("/api/documents", official).status()).as("the gateway is fine afterwards").isEqualTo(201);
    }

    List<String> errorsLogged() {
        return logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
    }
}

package org.grantline.documents.document;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.grantline.documents.support.DocumentsTestSupport;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The documents service's JSON endpoints take JSON literally too: duplicate keys, wrong types, trailing content → 400. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkStrictJsonTest implements TestPropertyProvider {
    static final TestTokens TOKENS = TestTokens.shared();

    @Inject
    EmbeddedServer server;
    TestHttp http;

    @Override
    public Map<String, String> getProperties() {
        return DocumentsTestSupport.properties(DocumentsTestSupport.freshStore());
    }

    @BeforeAll
    void client() {
        http = new TestHttp(server.getURL().toString());
    }

    @Test
    void aCheckThatIsNotTakenLiterallyIsRefused() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String path = "/api/documents/checks";
        String service = TOKENS.service("grants");
        for (Map.Entry<String, String> bad : Map.of(
                "{\"jurisdictionId\":\"" + a + "\",\"jurisdictionId\":\"" + b + "\",\"documentIds\":[\"" + a + "\"]}", "jurisdictionId",
                "{\"jurisdictionId\":\"" + a + "\",\"documentIds\":\"" + a + "\"}", "documentIds",
                "{\"jurisdictionId\":12,\"documentIds\":[\"" + a + "\"]}", "jurisdictionId").entrySet()) {
            TestHttp.Response response = http.post(path, service, bad.getKey());
            assertThat(response.status()).as(bad.getKey() + " -> " + response).isEqualTo(400);
            assertThat(response.body()).contains("\"field\":\"" + bad.getValue() + "\"");
        }
        TestHttp.Response trailing = http.post(path, service, "{\"jurisdictionId\":\"" + a + "\",\"documentIds\":[\"" + a + "\"]} x");
        assertThat(trailing.status()).as(trailing.toString()).isEqualTo(400);
    }
}

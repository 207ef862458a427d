package org.grantline.grants.document;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.grants.DocumentsStub;
import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.JurisdictionStub;
import org.grantline.shared.test.ServiceTestSupport;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The grants side of the documents link: a submission locks its documents, as the grants service itself. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentLockLinkTest implements TestPropertyProvider {
    static final TestTokens TOKENS = TestTokens.shared();
    final JurisdictionStub jurisdictions = new JurisdictionStub();
    final DocumentsStub documents = new DocumentsStub();
    final UUID stockton = UUID.randomUUID();

    @Inject
    EmbeddedServer server;
    TestHttp http;
    String program;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ServiceTestSupport.properties("grants"));
        p.put("micronaut.http.services.jurisdiction.urls", jurisdictions.url());
        p.put("micronaut.http.services.documents.urls", documents.url());
        return p;
    }

    @BeforeAll
    void programWithACertification() {
        jurisdictions.add(stockton, "America/Los_Angeles");
        http = new TestHttp(server.getURL().toString());
        program = GrantsFixtures.program(http, "DL");
        GrantsFixtures.certification1373(http, program);
    }

    @AfterAll
    void stop() {
        jurisdictions.close();
        documents.close();
    }

    String requirement() {
        return GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, Map.of("jurisdictionId", stockton.toString(),
                "programId", program, "fiscalYear", 2017, "amount", "10000.00", "awardDate", "2017-09-01",
                "certificationDueDate", "2099-01-01")));
    }

    TestHttp.Response submit(String requirement, List<UUID> documentIds) {
        return http.post("/api/certifications/requirements/" + requirement + "/submissions", TOKENS.legalOfficer(stockton),
                Map.of("signerName", "Sam Solicitor", "signerTitle", "City Attorney", "agreed", true,
                        "attestation", "I certify, under penalty of perjury, that the jurisdiction complies with 8 U.S.C. 1373.",
                        "documentIds", documentIds.stream().map(UUID::toString).toList()));
    }

    @Test
    void aSubmissionLocksItsDocumentsForThatSubmission() {
        UUID form = documents.document(stockton);
        UUID opinion = documents.document(stockton);
        TestHttp.Response made = submit(requirement(), List.of(form, opinion));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(documents.lockedFor(UUID.fromString((String) made.json().get("id")))).containsExactlyInAnyOrder(form, opinion);
    }

    @Test
    void whenTheDocumentsCannotBeLockedNothingIsSubmitted() {
        String requirement = requirement();
        UUID form = documents.document(stockton);
        documents.failingLocks = true;
        try {
            TestHttp.Response down = submit(requirement, List.of(form));
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.isProblem()).isTrue();
        } finally {
            documents.failingLocks = false;
        }
        assertThat(http.get("/api/certifications/requirements/" + requirement, TOKENS.auditor()).json()).containsEntry("status", "OPEN");
        assertThat(http.get("/api/certifications/requirements/" + requirement + "/submissions", TOKENS.auditor()).jsonList()).isEmpty();
        assertThat(submit(requirement, List.of(form)).status()).isEqualTo(201);
    }
}

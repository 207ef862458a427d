package org.grantline.grants.document;

import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The grants side of the documents link: a submission locks its documents, as the grants service itself. */
class DocumentLockLinkTest extends GrantsServiceTest {
    final UUID stockton = UUID.randomUUID();

    String program;

    @BeforeAll
    void programWithACertification() {
        jurisdictions.add(stockton, "America/Los_Angeles");
        program = GrantsFixtures.program(http, "DL");
        GrantsFixtures.certification1373(http, program);
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

package org.grantline.grants.certification;

import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Signed certifications: who may sign, the documents' fail-safe check, and DOJ's review. */
class SubmissionTest extends GrantsServiceTest {
    static final String ATTESTATION = "I certify, under penalty of perjury, that the jurisdiction complies with 8 U.S.C. 1373.";
    final UUID stockton = UUID.randomUUID();
    final UUID baltimore = UUID.randomUUID();

    String program;

    @BeforeAll
    void programWithACertification() {
        jurisdictions.add(stockton, "America/Los_Angeles");
        jurisdictions.add(baltimore, "America/New_York");
        program = GrantsFixtures.program(http, "SB");
        GrantsFixtures.certification1373(http, program);
    }

    String requirement(UUID jurisdiction) {
        return GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, Map.of("jurisdictionId", jurisdiction.toString(),
                "programId", program, "fiscalYear", 2017, "amount", "24383.00", "awardDate", "2017-09-01",
                "certificationDueDate", "2099-01-01")));
    }

    Map<String, Object> signed(List<UUID> documentIds, boolean agreed) {
        return Map.of("signerName", "Sam Solicitor", "signerTitle", "City Attorney", "attestation", ATTESTATION,
                "agreed", agreed, "documentIds", documentIds.stream().map(UUID::toString).toList());
    }

    TestHttp.Response submit(String requirement, String token, Map<String, Object> body) {
        return http.send("POST", "/api/certifications/requirements/" + requirement + "/submissions", token, body,
                Map.of("X-Forwarded-For", "203.0.113.7"));
    }

    String status(String requirement) {
        return (String) http.get("/api/certifications/requirements/" + requirement, TOKENS.auditor()).json().get("status");
    }

    @Test
    void theLegalOfficerSignsWithTheirOwnDocumentsAndDojAcceptsOrRejectsWithAReason() {
        String requirement = requirement(stockton);
        UUID form = documents.document(stockton);
        TestHttp.Response made = submit(requirement, TOKENS.legalOfficer(stockton), signed(List.of(form), true));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(made.json()).containsEntry("signerName", "Sam Solicitor").containsEntry("attestation", ATTESTATION)
                .containsEntry("clientIp", "127.0.0.1").containsEntry("forwardedFor", "203.0.113.7");
        assertThat(status(requirement)).isEqualTo("SUBMITTED");
        String first = (String) made.json().get("id");

        assertThat(http.post("/api/certifications/submissions/" + first + "/decision", TOKENS.dojOfficer(),
                Map.of("decision", "REJECTED")).status()).as("a rejection needs a reason").isEqualTo(400);
        assertThat(http.post("/api/certifications/submissions/" + first + "/decision", TOKENS.dojOfficer(),
                Map.of("decision", "REJECTED", "reason", "The form is not signed by the chief legal officer")).status()).isEqualTo(200);
        TestHttp.Response reopened = http.get("/api/certifications/requirements/" + requirement, TOKENS.legalOfficer(stockton));
        assertThat(reopened.json()).as("the jurisdiction sees the rejection, not an open requirement")
                .containsEntry("status", "REJECTED")
                .containsEntry("rejectionReason", "The form is not signed by the chief legal officer");
        assertThat(http.get("/api/certifications/requirements?status=REJECTED&jurisdictionId=" + stockton,
                TOKENS.official(stockton)).json().get("items").toString()).contains(requirement);
        assertThat(http.get("/api/certifications/requirements?status=OPEN&jurisdictionId=" + stockton,
                TOKENS.official(stockton)).json().get("items").toString()).doesNotContain(requirement);

        String second = (String) submit(requirement, TOKENS.legalOfficer(stockton), signed(List.of(form), true)).json().get("id");
        assertThat(http.post("/api/certifications/submissions/" + second + "/decision", TOKENS.auditor(),
                Map.of("decision", "ACCEPTED")).status()).isEqualTo(403);
        assertThat(http.post("/api/certifications/submissions/" + second + "/decision", TOKENS.dojOfficer(),
                Map.of("decision", "ACCEPTED")).json()).containsEntry("decision", "ACCEPTED").containsEntry("decidedBy", "test.doj");
        assertThat(status(requirement)).isEqualTo("ACCEPTED");
        assertThat(http.post("/api/certifications/submissions/" + second + "/decision", TOKENS.dojOfficer(),
                Map.of("decision", "REJECTED", "reason", "changed my mind")).status()).isEqualTo(409);
        assertThat(submit(requirement, TOKENS.legalOfficer(stockton), signed(List.of(form), true)).status()).isEqualTo(409);
        assertThat(http.get("/api/certifications/requirements/" + requirement + "/submissions", TOKENS.auditor()).jsonList()).hasSize(2);
    }

    @Test
    void onlyTheRoleTheConditionDemandsOfThatJurisdictionSigns() {
        String requirement = requirement(stockton);
        UUID form = documents.document(stockton);
        assertThat(submit(requirement, TOKENS.official(stockton), signed(List.of(form), true)).status()).isEqualTo(403);
        TestHttp.Response foreign = submit(requirement, TOKENS.legalOfficer(baltimore), signed(List.of(form), true));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(submit(requirement, TOKENS.dojOfficer(), signed(List.of(form), true)).status()).isEqualTo(403);
        assertThat(submit(requirement, TOKENS.legalOfficer(stockton), signed(List.of(form), false)).body()).contains("agreed");
        assertThat(http.get("/api/certifications/requirements/" + requirement + "/submissions", TOKENS.official(baltimore)).status())
                .isEqualTo(404);
        assertThat(status(requirement)).isEqualTo("OPEN");
    }

    @Test
    void documentsThatCannotBeConfirmedAreRefusedAndNothingIsWritten() {
        String requirement = requirement(stockton);
        TestHttp.Response unknown = submit(requirement, TOKENS.legalOfficer(stockton), signed(List.of(UUID.randomUUID()), true));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("documentIds");
        TestHttp.Response foreign = submit(requirement, TOKENS.legalOfficer(stockton), signed(List.of(documents.document(baltimore)), true));
        assertThat(foreign.status()).isEqualTo(400);
        documents.failing = true;
        try {
            TestHttp.Response down = submit(requirement, TOKENS.legalOfficer(stockton), signed(List.of(documents.document(stockton)), true));
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.isProblem()).isTrue();
        } finally {
            documents.failing = false;
        }
        assertThat(status(requirement)).isEqualTo("OPEN");
        assertThat(http.get("/api/certifications/requirements/" + requirement + "/submissions", TOKENS.auditor()).jsonList()).isEmpty();
    }
}

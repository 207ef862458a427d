package org.grantline.grants.certification;

import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grants service answers, to other GrantLine services only, whether an award, requirement and
 * submission are the jurisdiction's own and belong together: what the documents service asks
 * before it files a document under them.
 */
class ReferenceCheckTest extends GrantsServiceTest {
    static final String PATH = "/api/certifications/reference-checks";
    final UUID ours = UUID.randomUUID();
    final UUID theirs = UUID.randomUUID();

    String award;
    String requirement;
    String submission;
    String otherAward;
    String otherRequirement;

    @BeforeAll
    void twoJurisdictionsWithAwards() {
        jurisdictions.add(ours, "America/New_York");
        jurisdictions.add(theirs, "America/Chicago");
        String program = GrantsFixtures.program(http, "RF");
        GrantsFixtures.certification1373(http, program);
        TestHttp.Response a = GrantsFixtures.award(http, Map.of("jurisdictionId", ours.toString(), "programId", program,
                "fiscalYear", 2017, "amount", "10.00", "awardDate", "2017-09-01", "certificationDueDate", "2099-01-01"));
        TestHttp.Response b = GrantsFixtures.award(http, Map.of("jurisdictionId", ours.toString(), "programId", program,
                "fiscalYear", 2017, "amount", "10.00", "awardDate", "2017-09-01", "certificationDueDate", "2099-01-01"));
        award = (String) a.json().get("id");
        requirement = GrantsFixtures.firstRequirement(http, a);
        otherRequirement = GrantsFixtures.firstRequirement(http, b);
        submission = (String) http.post("/api/certifications/requirements/" + requirement + "/submissions",
                TOKENS.legalOfficer(ours), Map.of("signerName", "S", "signerTitle", "T", "attestation", "I certify.",
                        "agreed", true, "documentIds", List.of(documents.document(ours).toString()))).json().get("id");
        otherAward = (String) GrantsFixtures.award(http, Map.of("jurisdictionId", theirs.toString(), "programId", program,
                "fiscalYear", 2017, "amount", "10.00", "awardDate", "2017-09-01")).json().get("id");
    }

    @SuppressWarnings("unchecked")
    Map<String, String> statuses(Map<String, Object> body) {
        TestHttp.Response answer = http.post(PATH, TOKENS.service("documents"), body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, String> byField = new HashMap<>();
        for (Object r : (List<Object>) answer.json().get("references")) {
            Map<String, Object> result = (Map<String, Object>) r;
            byField.put((String) result.get("field"), (String) result.get("status"));
        }
        return byField;
    }

    @Test
    void ownReferencesThatBelongTogetherAreOk() {
        assertThat(statuses(Map.of("jurisdictionId", ours.toString(), "awardId", award, "requirementId", requirement,
                "submissionId", submission)))
                .containsEntry("awardId", "OK").containsEntry("requirementId", "OK").containsEntry("submissionId", "OK");
    }

    @Test
    void anotherJurisdictionsUnknownOrMismatchedReferencesAreNamed() {
        assertThat(statuses(Map.of("jurisdictionId", ours.toString(), "awardId", otherAward))).containsEntry("awardId", "FOREIGN");
        assertThat(statuses(Map.of("jurisdictionId", theirs.toString(), "requirementId", requirement, "submissionId", submission)))
                .containsEntry("requirementId", "FOREIGN").containsEntry("submissionId", "FOREIGN");
        assertThat(statuses(Map.of("jurisdictionId", ours.toString(), "awardId", UUID.randomUUID().toString(),
                "submissionId", UUID.randomUUID().toString())))
                .containsEntry("awardId", "MISSING").containsEntry("submissionId", "MISSING");
        assertThat(statuses(Map.of("jurisdictionId", ours.toString(), "awardId", award, "requirementId", otherRequirement)))
                .containsEntry("awardId", "OK").containsEntry("requirementId", "MISMATCH");
        assertThat(statuses(Map.of("jurisdictionId", ours.toString(), "requirementId", otherRequirement, "submissionId", submission)))
                .containsEntry("submissionId", "MISMATCH");
    }

    @Test
    void onlyGrantLineServicesAsk() {
        Map<String, Object> body = Map.of("jurisdictionId", ours.toString(), "awardId", award);
        for (String token : List.of(TOKENS.official(ours), TOKENS.dojOfficer(), TOKENS.admin(), TOKENS.auditor())) {
            assertThat(http.post(PATH, token, body).status()).isEqualTo(403);
        }
        assertThat(http.post(PATH, null, body).status()).isEqualTo(401);
    }
}

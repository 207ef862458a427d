package org.grantline.grants.race;

import jakarta.inject.Inject;
import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.test.Races;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight identical requests at the same instant — the same award number, accepting the same award,
 * submitting the same requirement, deciding the same submission — get one success and a 409
 * problem for each of the others; never a 500, and the records stay right.
 */
class GrantsRaceTest extends GrantsServiceTest {
    final UUID baltimore = UUID.randomUUID();

    @Inject
    AuditTrail audit;
    String program;

    @BeforeAll
    void programWithACertification() {
        jurisdictions.add(baltimore, "America/New_York");
        program = GrantsFixtures.program(http, "RC");
        GrantsFixtures.certification1373(http, program);
    }

    Map<String, Object> award(String number) {
        return Map.of("jurisdictionId", baltimore.toString(), "programId", program, "fiscalYear", 2017,
                "awardNumber", number, "amount", "24383.00", "awardDate", LocalDate.now().minusDays(1).toString(),
                "certificationDueDate", "2099-01-01");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSameAwardNumberEightTimesAtOnceMakesOneAward() {
        String number = GrantsFixtures.awardNumber("RC-BX");
        List<TestHttp.Response> answers = Races.atOnce(() -> http.post("/api/awards", TOKENS.dojOfficer(), award(number)));
        Races.assertOneWinner(answers, 201);
        answers.stream().filter(a -> a.status() == 409)
                .forEach(a -> assertThat(a.json()).containsEntry("type", "urn:grantline:problem:duplicate-award-number"));
        List<Object> awards = (List<Object>) http.get("/api/awards?jurisdictionId=" + baltimore + "&size=100", TOKENS.auditor())
                .json().get("items");
        assertThat(awards).filteredOn(a -> number.equals(((Map<String, Object>) a).get("awardNumber"))).hasSize(1);
    }

    String newAward() {
        return (String) GrantsFixtures.award(http, award("x")).json().get("id");
    }

    @Test
    void acceptingTheSameAwardEightTimesAtOnceAcceptsItOnce() {
        String award = newAward();
        Races.assertOneWinner(Races.atOnce(() -> http.post("/api/awards/" + award + "/transitions",
                TOKENS.official(baltimore), Map.of("status", "ACCEPTED"))), 200);
        assertThat(http.get("/api/awards/" + award, TOKENS.auditor()).json()).containsEntry("status", "ACCEPTED");
        assertThat(audit.history("award", award)).extracting(e -> e.action())
                .containsExactly("award.created", "award.status-changed");
    }

    Map<String, Object> signed(UUID document) {
        return Map.of("signerName", "Sam Solicitor", "signerTitle", "City Solicitor",
                "attestation", "I certify that the jurisdiction complies with 8 U.S.C. 1373.", "agreed", true,
                "documentIds", List.of(document.toString()));
    }

    @Test
    void submittingTheSameRequirementEightTimesAtOnceMakesOneSubmission() {
        String requirement = GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, award("x")));
        UUID form = documents.document(baltimore);
        TestHttp.Response winner = Races.assertOneWinner(Races.atOnce(() -> http.post(
                "/api/certifications/requirements/" + requirement + "/submissions", TOKENS.legalOfficer(baltimore), signed(form))), 201);
        assertThat(http.get("/api/certifications/requirements/" + requirement + "/submissions", TOKENS.auditor()).jsonList())
                .hasSize(1);
        assertThat(http.get("/api/certifications/requirements/" + requirement, TOKENS.auditor()).json())
                .containsEntry("status", "SUBMITTED");
        assertThat(documents.locked()).contains(form);
        assertThat(documents.lockedFor(UUID.fromString((String) winner.json().get("id")))).containsExactly(form);
    }

    @Test
    void decidingTheSameSubmissionEightTimesAtOnceDecidesItOnce() {
        String requirement = GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, award("x")));
        TestHttp.Response made = http.post("/api/certifications/requirements/" + requirement + "/submissions",
                TOKENS.legalOfficer(baltimore), signed(documents.document(baltimore)));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String submission = (String) made.json().get("id");
        Races.assertOneWinner(Races.atOnce(() -> http.post("/api/certifications/submissions/" + submission + "/decision",
                TOKENS.dojOfficer(), Map.of("decision", "ACCEPTED"))), 200);
        assertThat(http.get("/api/certifications/requirements/" + requirement, TOKENS.auditor()).json())
                .containsEntry("status", "ACCEPTED");
        assertThat(audit.history("submission", submission)).extracting(e -> e.action())
                .containsExactly("submission.made", "submission.accepted");
    }
}

package org.grantline.grants.award;

import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AwardLifecycleTest extends GrantsServiceTest {
    final UUID baltimore = UUID.randomUUID();
    final UUID stockton = UUID.randomUUID();

    String program;
    String condition1373;
    String conditionAccess;

    @BeforeAll
    void programWithConditions() {
        jurisdictions.add(baltimore, "America/New_York");
        jurisdictions.add(stockton, "America/Los_Angeles");
        String code = "AW-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        program = (String) http.post("/api/programs", TOKENS.dojOfficer(), Map.of("code", code, "name", "JAG " + code,
                "agency", "BJA")).json().get("id");
        condition1373 = (String) http.post("/api/programs/" + program + "/conditions", TOKENS.dojOfficer(), Map.of(
                "fiscalYear", 2017, "code", "1373", "title", "1373", "fullText", "Certify 1373.", "needsCertification", true,
                "signerRole", "LEGAL_OFFICER")).json().get("id");
        conditionAccess = (String) http.post("/api/programs/" + program + "/conditions", TOKENS.dojOfficer(), Map.of(
                "fiscalYear", 2017, "code", "ACCESS", "title", "Access", "fullText", "Allow access.", "needsCertification", false))
                .json().get("id");
    }

    static String awardNumber() {
        return GrantsFixtures.awardNumber("DJ-BX");
    }

    Map<String, Object> award(UUID jurisdiction, LocalDate awardDate) {
        return new HashMap<>(Map.of("jurisdictionId", jurisdiction.toString(), "programId", program, "fiscalYear", 2017,
                "awardNumber", awardNumber(), "amount", "68114.00", "awardDate", awardDate.toString()));
    }

    String create(UUID jurisdiction, LocalDate awardDate) {
        for (int attempt = 0; attempt < 10; attempt++) {
            TestHttp.Response created = http.post("/api/awards", TOKENS.dojOfficer(), award(jurisdiction, awardDate));
            if (created.status() == 409) {
                continue;
            }
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            return (String) created.json().get("id");
        }
        throw new AssertionError("no free award number");
    }

    TestHttp.Response move(String award, String status, String token) {
        return http.post("/api/awards/" + award + "/transitions", token, Map.of("status", status, "reason", "test"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAwardIsOfferedWithItsConditionsAndA45DayAcceptanceDeadline() {
        TestHttp.Response created = http.post("/api/awards", TOKENS.dojOfficer(), award(baltimore, LocalDate.of(2017, 9, 1)));
        assertThat(created.status()).as(created.toString()).isIn(201, 409);
        if (created.status() == 201) {
            assertThat(created.json()).containsEntry("status", "OFFERED").containsEntry("acceptanceDeadline", "2017-10-16");
            assertThat(created.body()).as("exact decimal on the wire").contains("\"amount\":68114.00");
            assertThat((List<String>) created.json().get("conditionIds")).containsExactlyInAnyOrder(condition1373, conditionAccess);
        }
        assertThat(jurisdictions.authorizations).as("the caller's own token travels to the jurisdiction service")
                .allMatch(a -> a != null && a.startsWith("Bearer ey"));
    }

    @Test
    void theStateMachineRefusesIllegalMovesNamingTheCurrentState() {
        String award = create(baltimore, LocalDate.now());
        TestHttp.Response tooEarly = move(award, "ACTIVE", TOKENS.dojOfficer());
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.json()).containsEntry("currentStatus", "OFFERED");
        assertThat(tooEarly.json().get("detail").toString()).contains("OFFERED");

        assertThat(move(award, "ACCEPTED", TOKENS.legalOfficer(baltimore)).json()).containsEntry("status", "ACCEPTED");
        assertThat(move(award, "ACTIVE", TOKENS.official(baltimore)).status()).as("only DOJ activates").isEqualTo(403);
        assertThat(move(award, "ACTIVE", TOKENS.dojOfficer()).json()).containsEntry("status", "ACTIVE");
        assertThat(move(award, "DECLINED", TOKENS.dojOfficer()).status()).isEqualTo(409);
        assertThat(move(award, "WITHHELD", TOKENS.dojOfficer()).json()).containsEntry("status", "WITHHELD");
        assertThat(move(award, "ACTIVE", TOKENS.dojOfficer()).json()).containsEntry("status", "ACTIVE");
        assertThat(move(award, "SIDEWAYS", TOKENS.dojOfficer()).status()).isEqualTo(400);
        TestHttp.Response trail = http.get("/api/programs/audit?entityType=award&entityId=" + award, TOKENS.auditor());
        assertThat(trail.body()).contains("award.created").contains("award.status-changed");
    }

    @Test
    void acceptanceIsDueByTheDeadlineAndDojCanExtendIt() {
        String award = create(stockton, LocalDate.now().minusDays(60));
        TestHttp.Response late = move(award, "ACCEPTED", TOKENS.official(stockton));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json()).containsEntry("type", "urn:grantline:problem:acceptance-deadline-passed");
        assertThat(move(award, "EXPIRED", TOKENS.dojOfficer()).json()).containsEntry("status", "EXPIRED");

        String extended = LocalDate.now().plusDays(30).toString();
        TestHttp.Response reopened = http.post("/api/awards/" + award + "/acceptance-deadline", TOKENS.dojOfficer(),
                Map.of("acceptanceDeadline", extended, "reason", "Deadline extended after the Evanston injunction"));
        assertThat(reopened.json()).containsEntry("status", "OFFERED").containsEntry("acceptanceDeadline", extended);
        assertThat(move(award, "ACCEPTED", TOKENS.official(stockton)).json()).containsEntry("status", "ACCEPTED");
        assertThat(http.post("/api/awards/" + award + "/acceptance-deadline", TOKENS.official(stockton),
                Map.of("acceptanceDeadline", extended, "reason", "x")).status()).isEqualTo(403);
    }

    @Test
    void moneyMovementsAreExactAndBoundedByTheAward() {
        String award = create(baltimore, LocalDate.now());
        move(award, "ACCEPTED", TOKENS.dojOfficer());
        String path = "/api/awards/" + award + "/money";
        Map<String, Object> early = Map.of("kind", "DISBURSEMENT", "amount", "100.00", "date", "2017-10-01", "reason", "first draw");
        assertThat(http.post(path, TOKENS.dojOfficer(), early).status()).as("not active yet").isEqualTo(409);
        move(award, "ACTIVE", TOKENS.dojOfficer());
        assertThat(http.post(path, TOKENS.dojOfficer(), Map.of("kind", "DISBURSEMENT", "amount", "0.10", "date", "2017-10-01",
                "reason", "a")).status()).isEqualTo(201);
        assertThat(http.post(path, TOKENS.dojOfficer(), Map.of("kind", "DISBURSEMENT", "amount", "0.20", "date", "2017-10-02",
                "reason", "b")).status()).isEqualTo(201);
        assertThat(http.get("/api/awards/" + award, TOKENS.auditor()).body()).contains("\"disbursed\":0.30");
        assertThat(http.post(path, TOKENS.dojOfficer(), Map.of("kind", "DISBURSEMENT", "amount", "68114.00", "date", "2017-10-03",
                "reason", "too much")).status()).isEqualTo(400);
        assertThat(http.post(path, TOKENS.dojOfficer(), Map.of("kind", "DISBURSEMENT", "amount", "1.001", "date", "2017-10-03",
                "reason", "sub-cent")).status()).isEqualTo(400);
        assertThat(http.post(path, TOKENS.dojOfficer(), Map.of("kind", "CLAWBACK", "amount", "0.10", "date", "2017-11-01",
                "reason", "violation")).status()).as("no clawback initiated").isEqualTo(409);
        move(award, "CLAWBACK_INITIATED", TOKENS.dojOfficer());
        assertThat(http.post(path, TOKENS.dojOfficer(), Map.of("kind", "CLAWBACK", "amount", "0.31", "date", "2017-11-01",
                "reason", "more than disbursed")).status()).isEqualTo(400);
        assertThat(http.post(path, TOKENS.dojOfficer(), Map.of("kind", "CLAWBACK", "amount", "0.30", "date", "2017-11-01",
                "reason", "all of it")).status()).isEqualTo(201);
        assertThat(http.get("/api/awards/" + award, TOKENS.auditor()).body()).contains("\"clawedBack\":0.30");
        assertThat(http.get(path, TOKENS.official(baltimore)).jsonList()).hasSize(3);
        assertThat(http.post(path, TOKENS.official(baltimore), early).status()).isEqualTo(403);
    }

    @Test
    void officialsSeeOnlyTheirOwnJurisdictionsAwards() {
        String theirs = create(stockton, LocalDate.now());
        TestHttp.Response other = http.get("/api/awards/" + theirs, TOKENS.official(baltimore));
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("68114");
        assertThat(move(theirs, "ACCEPTED", TOKENS.legalOfficer(baltimore)).status()).isEqualTo(404);
        assertThat(http.get("/api/awards/" + theirs + "/money", TOKENS.official(baltimore)).status()).isEqualTo(404);
        assertThat(http.get("/api/awards?jurisdictionId=" + stockton, TOKENS.official(baltimore)).status()).isEqualTo(404);
        assertThat(http.get("/api/awards?size=100", TOKENS.official(baltimore)).body()).doesNotContain(theirs);
        assertThat(http.get("/api/awards/" + theirs, TOKENS.official(stockton)).status()).isEqualTo(200);
        assertThat(http.get("/api/awards/" + theirs, TOKENS.auditor()).status()).isEqualTo(200);
        assertThat(http.post("/api/awards", TOKENS.official(stockton), award(stockton, LocalDate.now())).status()).isEqualTo(403);
    }

    @Test
    void anUnknownJurisdictionIsA400AndAFailingJurisdictionServiceA503ThatWritesNothing() {
        TestHttp.Response unknown = http.post("/api/awards", TOKENS.dojOfficer(), award(UUID.randomUUID(), LocalDate.now()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("jurisdictionId");
        Map<String, Object> body = award(baltimore, LocalDate.now());
        jurisdictions.failing = true;
        try {
            TestHttp.Response down = http.post("/api/awards", TOKENS.dojOfficer(), body);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.isProblem()).isTrue();
        } finally {
            jurisdictions.failing = false;
        }
        assertThat(http.get("/api/awards?size=100&jurisdictionId=" + baltimore, TOKENS.auditor()).body())
                .doesNotContain((String) body.get("awardNumber"));
        Map<String, Object> foreignCondition = award(baltimore, LocalDate.now());
        foreignCondition.put("conditionIds", List.of(UUID.randomUUID().toString()));
        assertThat(http.post("/api/awards", TOKENS.dojOfficer(), foreignCondition).body()).contains("conditionIds");
        Map<String, Object> badNumber = award(baltimore, LocalDate.now());
        badNumber.put("awardNumber", "JAG-1");
        assertThat(http.post("/api/awards", TOKENS.dojOfficer(), badNumber).body()).contains("awardNumber");
    }
}

package org.grantline.grants.program;

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
 * Grants takes JSON literally or refuses it: {@code "needsCertification":"yes"} no longer makes a
 * condition that needs no certification; numbers are numbers, dates lie in 1900–2199; a 400 names
 * the field and nothing is stored.
 */
class GrantsStrictJsonTest extends GrantsServiceTest {
    final UUID providence = UUID.randomUUID();

    String program;

    @BeforeAll
    void aProgram() {
        jurisdictions.add(providence, "America/New_York");
        program = GrantsFixtures.program(http, "SJ");
    }

    @SuppressWarnings("unchecked")
    static void assertRefused(TestHttp.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.json().get("errors");
        assertThat(errors).as(response.body()).extracting(e -> e.get("field")).contains(field);
        assertThat(response.body()).as("no Java class names").doesNotContainPattern("org\\.grantline|java\\.|Exception");
    }

    @Test
    void needsCertificationYesIsRefusedNotAConditionThatNeedsNone() {
        String conditions = "/api/programs/" + program + "/conditions";
        assertRefused(http.post(conditions, TOKENS.dojOfficer(), "{\"fiscalYear\":2017,\"code\":\"YES\",\"title\":\"t\","
                + "\"fullText\":\"f\",\"needsCertification\":\"yes\"}"), "needsCertification");
        assertRefused(http.post(conditions, TOKENS.dojOfficer(), "{\"fiscalYear\":\"2017\",\"code\":\"STR\",\"title\":\"t\","
                + "\"fullText\":\"f\",\"needsCertification\":false}"), "fiscalYear");
        assertRefused(http.post(conditions, TOKENS.dojOfficer(), "{\"fiscalYear\":2017,\"code\":\"DUP\",\"title\":\"t\","
                + "\"fullText\":\"f\",\"needsCertification\":false,\"needsCertification\":true,\"signerRole\":\"LEGAL_OFFICER\"}"),
                "needsCertification");
        assertThat(http.get(conditions, TOKENS.auditor()).jsonList()).isEmpty();
    }

    Map<String, Object> award() {
        return new HashMap<>(Map.of("jurisdictionId", providence.toString(), "programId", program, "fiscalYear", 2017,
                "awardNumber", "2017-SJ-BX-0001", "amount", "100.00", "awardDate", "2017-09-01"));
    }

    @Test
    void anAwardIsTakenLiterally() {
        Map<String, Object> farFuture = award();
        farFuture.put("awardDate", "+99999-01-01");
        assertRefused(http.post("/api/awards", TOKENS.dojOfficer(), farFuture), "awardDate");
        Map<String, Object> yearZero = award();
        yearZero.put("certificationDueDate", "0000-01-01");
        assertRefused(http.post("/api/awards", TOKENS.dojOfficer(), yearZero), "certificationDueDate");
        Map<String, Object> boolAmount = award();
        boolAmount.put("amount", true);
        assertRefused(http.post("/api/awards", TOKENS.dojOfficer(), boolAmount), "amount");
        Map<String, Object> conditions = award();
        conditions.put("conditionIds", "all");
        assertRefused(http.post("/api/awards", TOKENS.dojOfficer(), conditions), "conditionIds");
        String json = "{\"jurisdictionId\":\"" + providence + "\",\"programId\":\"" + program
                + "\",\"fiscalYear\":2017,\"awardNumber\":\"2017-SJ-BX-0002\",\"amount\":\"100.00\",\"awardDate\":\"2017-09-01\"}";
        TestHttp.Response trailing = http.post("/api/awards", TOKENS.dojOfficer(), json + "]");
        assertThat(trailing.status()).as(trailing.toString()).isEqualTo(400);
        assertThat(trailing.body()).contains("after the JSON document");
        assertThat(http.get("/api/awards?jurisdictionId=" + providence, TOKENS.auditor()).json()).containsEntry("total", 0);
        TestHttp.Response numeric = http.post("/api/awards", TOKENS.dojOfficer(), json.replace("\"100.00\"", "100.00"));
        assertThat(numeric.status()).as("an amount may be a JSON number: " + numeric).isEqualTo(201);
        assertThat(numeric.body()).contains("\"amount\":100.00");
    }

    @Test
    void instantsInQueriesLieInTheRangeToo() {
        TestHttp.Response response = http.get("/api/certifications/requirements?dueFrom=%2B99999-01-01T00:00:00Z", TOKENS.dojOfficer());
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.body()).contains("dueFrom");
        assertThat(http.get("/api/certifications/requirements?dueFrom=2017-01-01T00:00:00Z", TOKENS.dojOfficer()).status())
                .isEqualTo(200);
    }
}

package org.grantline.grants;

import org.grantline.shared.test.OpenApiContract;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every grants endpoint against every role, for the caller's own jurisdiction ("ours") and another
 * ("theirs"): who gets through, who is refused (403), who is told nothing exists (404), and that
 * anonymous callers get 401. "passes" means authorised: the request reached the business rules
 * (2xx, or a 400/409 about the data), never a 401/403/404. Every answer, of every role, must also be
 * one that grants' published OpenAPI document describes (status, headers, media type, body):
 * with {@link org.grantline.grants.contract.GrantsContractTest}, grants' contract test.
 */
class AccessMatrixTest extends GrantsServiceTest {
    static final String PASSES = "passes";
    final UUID ours = UUID.randomUUID();
    final UUID theirs = UUID.randomUUID();

    String program;
    String condition;
    String ourAward;
    String theirAward;
    String ourRequirement;
    String theirRequirement;
    String theirSubmission;
    String order;
    String ourLetter;
    String theirLetter;
    String ourDemand;
    String theirDemand;
    String ourQuestion;
    /** Role name → token (null: anonymous). */
    final Map<String, String> roles = new LinkedHashMap<>();

    @BeforeAll
    void twoJurisdictionsWithAwards() {
        jurisdictions.add(ours, "America/New_York", "MD");
        jurisdictions.add(theirs, "America/Chicago", "IL");
        http = new TestHttp(server.getURL().toString(), OpenApiContract.published(server.getURL().toString(), "grants"));
        program = GrantsFixtures.program(http, "MX");
        condition = GrantsFixtures.certification1373(http, program);
        TestHttp.Response a = award(ours);
        TestHttp.Response b = award(theirs);
        ourAward = (String) a.json().get("id");
        theirAward = (String) b.json().get("id");
        ourRequirement = GrantsFixtures.firstRequirement(http, a);
        theirRequirement = GrantsFixtures.firstRequirement(http, b);
        TestHttp.Response submitted = http.post("/api/certifications/requirements/" + theirRequirement + "/submissions",
                TOKENS.legalOfficer(theirs), signed(documents.document(theirs)));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        theirSubmission = (String) submitted.json().get("id");
        order = (String) http.post("/api/court-orders", TOKENS.dojOfficer(), Map.of("caseName", "Matrix v. DOJ",
                "caseNumber", "1:26-cv-00001", "court", "N.D. Ill.", "orderDate", "2026-01-01", "scope", "JURISDICTIONS",
                "jurisdictionIds", List.of(theirs.toString()), "conditionIds", List.of(condition),
                "inForceFrom", "2026-01-01")).json().get("id");
        TestHttp.Response toOurs = http.post("/api/letters", TOKENS.dojOfficer(), letter(ours));
        assertThat(toOurs.status()).as(toOurs.toString()).isEqualTo(201);
        ourLetter = (String) toOurs.json().get("id");
        ourDemand = (String) ((Map<?, ?>) ((List<?>) toOurs.json().get("demands")).get(0)).get("id");
        ourQuestion = (String) ((Map<?, ?>) ((List<?>) toOurs.json().get("questions")).get(0)).get("id");
        TestHttp.Response toTheirs = http.post("/api/letters", TOKENS.dojOfficer(), letter(theirs));
        theirLetter = (String) toTheirs.json().get("id");
        theirDemand = (String) ((Map<?, ?>) ((List<?>) toTheirs.json().get("demands")).get(0)).get("id");
        roles.put("ADMIN", TOKENS.admin());
        roles.put("DOJ_OFFICER", TOKENS.dojOfficer());
        roles.put("AUDITOR", TOKENS.auditor());
        roles.put("OFFICIAL", TOKENS.official(ours));
        roles.put("LEGAL_OFFICER", TOKENS.legalOfficer(ours));
        roles.put("SERVICE notifications", TOKENS.service("notifications"));
        roles.put("anonymous", null);
    }

    TestHttp.Response award(UUID jurisdiction) {
        return GrantsFixtures.award(http, Map.of("jurisdictionId", jurisdiction.toString(), "programId", program,
                "fiscalYear", 2017, "amount", "5000.00", "awardDate", "2017-09-01", "certificationDueDate", "2099-01-01"));
    }

    Map<String, Object> signed(UUID document) {
        return Map.of("signerName", "Sam Solicitor", "signerTitle", "City Attorney",
                "attestation", "I certify, under penalty of perjury, that the jurisdiction complies with 8 U.S.C. 1373.",
                "agreed", true, "documentIds", List.of(document.toString()));
    }

    static Map<String, Object> letter(UUID to) {
        return Map.of("subject", "Documents by the deadline", "body", "Answer the questions.", "deadlineDate", "2199-12-08",
                "questions", List.of(Map.of("text", "Your policy?", "signerRole", "JURISDICTION_OFFICIAL")),
                "recipients", Map.of("jurisdictionIds", List.of(to.toString())));
    }

    /** One row of the matrix: a request and what each role gets. */
    record Row(String method, String path, Object body, Map<String, String> expected) {
    }

    /** Expected outcome per role, in the order of {@link #roles}. */
    static Map<String, String> expect(String admin, String doj, String auditor, String official, String legal, String service) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("ADMIN", admin);
        e.put("DOJ_OFFICER", doj);
        e.put("AUDITOR", auditor);
        e.put("OFFICIAL", official);
        e.put("LEGAL_OFFICER", legal);
        e.put("SERVICE notifications", service);
        e.put("anonymous", "401");
        return e;
    }

    static final Map<String, String> EVERYONE = expect(PASSES, PASSES, PASSES, PASSES, PASSES, PASSES);
    static final Map<String, String> OURS_ONLY = expect(PASSES, PASSES, PASSES, "404", "404", PASSES);
    static final Map<String, String> DOJ_WRITES = expect(PASSES, PASSES, "403", "403", "403", "403");
    static final Map<String, String> OVERSIGHT = expect(PASSES, PASSES, PASSES, "403", "403", "403");

    List<Row> matrix() {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String later = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String requirements = "/api/certifications/requirements/";
        List<Row> rows = new ArrayList<>();
        // Catalogue and court orders: everyone signed in reads them.
        for (String path : List.of("/api/programs", "/api/programs/" + program, "/api/programs/" + program + "/solicitations",
                "/api/programs/" + program + "/conditions?fiscalYear=2017", "/api/court-orders", "/api/court-orders/" + order)) {
            rows.add(new Row("GET", path, null, EVERYONE));
        }
        // Our jurisdiction's records: every reader.
        for (String path : List.of("/api/awards/" + ourAward, "/api/awards/" + ourAward + "/money",
                "/api/awards?jurisdictionId=" + ours, requirements + ourRequirement, requirements + ourRequirement + "/extensions",
                "/api/certifications/requirements?jurisdictionId=" + ours)) {
            rows.add(new Row("GET", path, null, EVERYONE));
        }
        // Submissions (signer, attestation, client address) are for people, not for other services.
        rows.add(new Row("GET", requirements + ourRequirement + "/submissions", null, expect(PASSES, PASSES, PASSES, PASSES, PASSES, "404")));
        rows.add(new Row("GET", requirements + theirRequirement + "/submissions", null, expect(PASSES, PASSES, PASSES, "404", "404", "404")));
        // Theirs, by id in the path and in filters: officials of ours are told it does not exist.
        for (String path : List.of("/api/awards/" + theirAward, "/api/awards/" + theirAward + "/money",
                "/api/awards?jurisdictionId=" + theirs, requirements + theirRequirement,
                requirements + theirRequirement + "/extensions", "/api/certifications/requirements?jurisdictionId=" + theirs)) {
            rows.add(new Row("GET", path, null, OURS_ONLY));
        }
        rows.add(new Row("GET", "/api/awards/at-risk", null, OVERSIGHT));
        rows.add(new Row("GET", "/api/awards/at-risk/csv", null, OVERSIGHT));
        rows.add(new Row("GET", "/api/awards/compliance-map", null, OVERSIGHT));
        rows.add(new Row("GET", "/api/programs/audit", null, expect(PASSES, "403", PASSES, "403", "403", "403")));
        rows.add(new Row("GET", "/api/certifications/feed?from=" + now + "&to=" + later, null,
                expect(PASSES, "403", "403", "403", "403", PASSES)));
        rows.add(new Row("POST", "/api/certifications/feed/items", Map.of("ids", List.of(ourRequirement)),
                expect(PASSES, "403", "403", "403", "403", PASSES)));
        // DOJ's writes, aimed at the other jurisdiction's records.
        String code = "MXW-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        rows.add(new Row("POST", "/api/programs", Map.of("code", code, "name", "n", "agency", "BJA"), DOJ_WRITES));
        rows.add(new Row("PUT", "/api/programs/" + program, Map.of("code", "MXP-" + code, "name", "n", "agency", "BJA"), DOJ_WRITES));
        rows.add(new Row("POST", "/api/programs/" + program + "/solicitations", Map.of("fiscalYear", 2031, "kind", "LOCAL",
                "title", "FY2031 local", "applicationDue", "2031-09-05"), DOJ_WRITES));
        rows.add(new Row("POST", "/api/programs/" + program + "/conditions", Map.of("fiscalYear", 2031, "code", code,
                "title", "t", "fullText", "f", "needsCertification", false), DOJ_WRITES));
        rows.add(new Row("PUT", "/api/programs/" + program + "/conditions/" + condition, Map.of("fiscalYear", 2017, "code", "1373",
                "title", "1373", "fullText", "Certify 1373.", "needsCertification", true, "signerRole", "LEGAL_OFFICER"), DOJ_WRITES));
        rows.add(new Row("POST", "/api/awards", Map.of("jurisdictionId", theirs.toString(), "programId", program,
                "fiscalYear", 2017, "awardNumber", "2017-MX-BX-0001", "amount", "1.00", "awardDate", "2017-09-01"), DOJ_WRITES));
        rows.add(new Row("POST", "/api/awards/" + theirAward + "/acceptance-deadline", Map.of("acceptanceDeadline", "2099-12-31",
                "reason", "extended"), DOJ_WRITES));
        rows.add(new Row("POST", "/api/awards/" + theirAward + "/money", Map.of("kind", "DISBURSEMENT", "amount", "1.00",
                "date", "2017-10-01", "reason", "draw"), DOJ_WRITES));
        // Officials may move their own awards, so for another's award they learn only that it does not exist.
        rows.add(new Row("POST", "/api/awards/" + theirAward + "/transitions", Map.of("status", "SUSPENDED"),
                expect(PASSES, PASSES, "403", "404", "404", "403")));
        rows.add(new Row("POST", requirements + theirRequirement + "/extensions", Map.of("deadlineDate", "2099-06-01",
                "reason", "more time"), DOJ_WRITES));
        rows.add(new Row("POST", requirements + theirRequirement + "/waiver", Map.of("reason", "not enforced"), DOJ_WRITES));
        rows.add(new Row("POST", "/api/certifications/submissions/" + theirSubmission + "/decision",
                Map.of("decision", "REJECTED", "reason", "unsigned"), DOJ_WRITES));
        rows.add(new Row("POST", "/api/court-orders", Map.of("caseName", "Other v. DOJ", "caseNumber", "1:26-cv-00002",
                "court", "N.D. Ill.", "orderDate", "2026-01-01", "scope", "NATIONWIDE", "conditionIds", List.of(condition),
                "inForceFrom", "2031-01-01"), DOJ_WRITES));
        rows.add(new Row("POST", "/api/court-orders/" + order + "/lift", Map.of("liftedOn", "2030-01-01", "reason", "stayed"),
                DOJ_WRITES));
        // A jurisdiction's own moves: accepting its award, signing its certification (the legal officer only).
        rows.add(new Row("POST", "/api/awards/" + ourAward + "/transitions", Map.of("status", "DECLINED"),
                expect(PASSES, PASSES, "403", PASSES, PASSES, "403")));
        rows.add(new Row("POST", "/api/awards/" + theirAward + "/transitions", Map.of("status", "ACCEPTED"),
                expect(PASSES, PASSES, "403", "404", "404", "403")));
        rows.add(new Row("POST", requirements + ourRequirement + "/submissions", signed(documents.document(ours)),
                expect("403", "403", "403", "403", PASSES, "403")));
        rows.add(new Row("POST", requirements + theirRequirement + "/submissions", signed(documents.document(ours)),
                expect("403", "403", "403", "404", "404", "403")));
        // Demand letters: DOJ writes and decides, oversight reads, a jurisdiction reads and answers its own only.
        rows.add(new Row("POST", "/api/letters/recipients", Map.of("jurisdictionIds", List.of(theirs.toString())), DOJ_WRITES));
        rows.add(new Row("POST", "/api/letters", letter(theirs), DOJ_WRITES));
        rows.add(new Row("GET", "/api/letters", null, OVERSIGHT));
        rows.add(new Row("GET", "/api/letters/" + ourLetter, null, expect(PASSES, PASSES, PASSES, PASSES, PASSES, "404")));
        rows.add(new Row("GET", "/api/letters/" + theirLetter, null, expect(PASSES, PASSES, PASSES, "404", "404", "404")));
        rows.add(new Row("GET", "/api/letters/demands", null, expect(PASSES, PASSES, PASSES, PASSES, PASSES, "403")));
        rows.add(new Row("GET", "/api/letters/demands?jurisdictionId=" + theirs, null, expect(PASSES, PASSES, PASSES, "404", "404", "403")));
        rows.add(new Row("GET", "/api/letters/demands/" + ourDemand, null, expect(PASSES, PASSES, PASSES, PASSES, PASSES, "404")));
        rows.add(new Row("GET", "/api/letters/demands/" + theirDemand, null, expect(PASSES, PASSES, PASSES, "404", "404", "404")));
        Map<String, Object> answer = Map.of("answers", List.of(Map.of("questionId", ourQuestion, "text", "Attached.")));
        rows.add(new Row("POST", "/api/letters/demands/" + ourDemand + "/answers", answer, expect("403", "403", "403", PASSES, PASSES, "403")));
        rows.add(new Row("POST", "/api/letters/demands/" + theirDemand + "/answers", answer, expect("403", "403", "403", "404", "404", "403")));
        rows.add(new Row("POST", "/api/letters/demands/" + theirDemand + "/decision", Map.of("decision", "ACCEPTED"), DOJ_WRITES));
        rows.add(new Row("POST", "/api/letters/" + theirLetter + "/close", Map.of("reason", "done"), DOJ_WRITES));
        // Conversations: the people who may read a requirement or demand read its thread; its jurisdiction and DOJ write
        // to it; only DOJ and admins add internal notes; auditors and services never write (services do not read either).
        for (String[] thread : List.of(new String[] {requirements + ourRequirement, requirements + theirRequirement},
                new String[] {"/api/letters/demands/" + ourDemand, "/api/letters/demands/" + theirDemand})) {
            String ourThread = thread[0] + "/messages";
            String theirThread = thread[1] + "/messages";
            rows.add(new Row("GET", ourThread, null, expect(PASSES, PASSES, PASSES, PASSES, PASSES, "403")));
            rows.add(new Row("GET", theirThread, null, expect(PASSES, PASSES, PASSES, "404", "404", "403")));
            rows.add(new Row("POST", ourThread, Map.of("body", "A question."), expect(PASSES, PASSES, "403", PASSES, PASSES, "403")));
            rows.add(new Row("POST", theirThread, Map.of("body", "A question."), expect(PASSES, PASSES, "403", "404", "404", "403")));
            rows.add(new Row("POST", ourThread, Map.of("body", "An internal note.", "internal", true),
                    expect(PASSES, PASSES, "403", "403", "403", "403")));
        }
        // Periodic reports: DOJ sets a condition's schedule (a refused period still shows who got through), every reader
        // reads an award's reports as they read the award.
        String schedule = "/api/programs/" + program + "/conditions/" + condition + "/report-schedule";
        rows.add(new Row("GET", schedule, null, expect("404", "404", "404", "404", "404", "404")));
        rows.add(new Row("PUT", schedule, Map.of("everyMonths", 5, "dueDaysAfter", 30, "withholdAfterDays", 15), DOJ_WRITES));
        rows.add(new Row("GET", "/api/awards/" + ourAward + "/reports", null, EVERYONE));
        rows.add(new Row("GET", "/api/awards/" + theirAward + "/reports", null, OURS_ONLY));
        // Bulk actions: DOJ acts on all matches; oversight counts and exports; jurisdictions neither.
        Map<String, Object> bulkFilter = Map.of("jurisdictionId", theirs.toString(), "status", "ACCEPTED");
        rows.add(new Row("GET", "/api/bulk/requirements/count?status=ACCEPTED&jurisdictionId=" + theirs, null, OVERSIGHT));
        rows.add(new Row("POST", "/api/bulk/requirements", Map.of("filter", bulkFilter, "action", "WAIVE", "expectedCount", 0,
                "reason", "not enforced"), DOJ_WRITES));
        rows.add(new Row("GET", "/api/bulk/requirements/csv?status=ACCEPTED", null, OVERSIGHT));
        rows.add(new Row("GET", "/api/bulk/jobs/" + UUID.randomUUID(), null, expect("404", "404", "404", "403", "403", "403")));
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyRoleGetsWhatItMayAndNothingElse() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : matrix()) {
            for (Map.Entry<String, String> role : roles.entrySet()) {
                String expected = row.expected().get(role.getKey());
                tests.add(DynamicTest.dynamicTest(row.method() + " " + row.path() + " as " + role.getKey() + " → " + expected, () -> {
                    TestHttp.Response response = http.send(row.method(), row.path(), role.getValue(), row.body(), Map.of());
                    if (expected.equals(PASSES)) {
                        assertThat(response.status()).as(response.toString()).isNotIn(401, 403, 404).isLessThan(500);
                    } else {
                        assertThat(response.status()).as(response.toString()).isEqualTo(Integer.parseInt(expected));
                        if (response.status() != 401) {
                            assertThat(response.isProblem()).as(response.toString()).isTrue();
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void listsNeverCarryTheOtherJurisdictionsRecords() {
        for (String token : List.of(TOKENS.official(ours), TOKENS.legalOfficer(ours))) {
            for (String path : List.of("/api/awards?size=100", "/api/certifications/requirements?size=500",
                    "/api/certifications/requirements?awardId=" + theirAward, "/api/certifications/requirements?state=IL",
                    "/api/certifications/requirements?programId=" + program)) {
                TestHttp.Response response = http.get(path, token);
                assertThat(response.status()).as(path).isEqualTo(200);
                assertThat(response.body()).as(path).doesNotContain(theirAward).doesNotContain(theirRequirement)
                        .doesNotContain(theirs.toString());
            }
            assertThat(http.get("/api/certifications/requirements?programId=" + program, token).body()).contains(ourRequirement);
        }
        assertThat(http.get("/api/certifications/requirements?programId=" + program, TOKENS.auditor()).body())
                .contains(ourRequirement, theirRequirement);
    }

    @Test
    void theRequirementListFiltersAndOrdersByDeadline() {
        TestHttp.Response page = http.get("/api/certifications/requirements?programId=" + program + "&state=IL&status=SUBMITTED",
                TOKENS.dojOfficer());
        List<Object> items = GrantsFixtures.items(page);
        assertThat(items).hasSize(1);
        assertThat(page.json()).containsEntry("total", 1);
        assertThat(((Map<?, ?>) items.get(0)).get("id")).isEqualTo(theirRequirement);
        assertThat(http.get("/api/certifications/requirements?state=il", TOKENS.dojOfficer()).status()).isEqualTo(400);
        assertThat(http.get("/api/certifications/requirements?status=LOST", TOKENS.dojOfficer()).status()).isEqualTo(400);
        assertThat(http.get("/api/certifications/requirements?size=501", TOKENS.dojOfficer()).status()).isEqualTo(400);
        assertThat(http.get("/api/certifications/requirements?dueFrom=yesterday", TOKENS.dojOfficer()).status()).isEqualTo(400);
        List<Object> due = GrantsFixtures.items(http.get("/api/certifications/requirements?programId=" + program
                + "&dueFrom=2098-12-31T00:00:00Z&dueTo=2099-01-03T00:00:00Z", TOKENS.dojOfficer()));
        assertThat(due).extracting(r -> (Object) ((Map<?, ?>) r).get("id")).containsExactlyInAnyOrder(ourRequirement, theirRequirement);
    }
}

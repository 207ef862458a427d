package org.grantline.grants.contract;

import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.OpenApiContract;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The grants service against its own published OpenAPI document: real requests, successes and
 * errors, and each answer (status, required headers, media type, JSON body) must be one the document
 * describes. (AccessMatrixTest checks every answer of every role against the same document.)
 */
class GrantsContractTest extends GrantsServiceTest {
    final UUID ours = UUID.randomUUID();

    OpenApiContract contract;
    String published;

    @BeforeAll
    void contract() {
        jurisdictions.add(ours, "America/New_York", "MD");
        published = new TestHttp(server.getURL().toString()).get("/openapi/grants.yml", null).body();
        contract = OpenApiContract.of(published);
        http = new TestHttp(server.getURL().toString(), contract);
    }

    Map<String, Object> awardBody(String program, String number) {
        Map<String, Object> body = new HashMap<>(Map.of("jurisdictionId", ours.toString(), "programId", program, "fiscalYear", 2017,
                "amount", "5000.00", "awardDate", "2017-09-01", "certificationDueDate", "2099-01-01"));
        body.put("awardNumber", number);
        return body;
    }

    static String number() {
        return GrantsFixtures.awardNumber("CT-BX");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationAnswersAsItsDocumentSays() {
        String doj = TOKENS.dojOfficer();
        String legal = TOKENS.legalOfficer(ours);
        String official = TOKENS.official(ours);
        // catalogue
        String program = GrantsFixtures.program(http, "CT");
        assertThat(http.post("/api/programs", doj, Map.of("code", "x")).status()).isEqualTo(400);
        assertThat(http.post("/api/programs", null, Map.of("code", "x")).status()).isEqualTo(401);
        assertThat(http.post("/api/programs", official, Map.of("code", "X1", "name", "n", "agency", "BJA")).status()).isEqualTo(403);
        assertThat(http.get("/api/programs", official).status()).isEqualTo(200);
        assertThat(http.get("/api/programs/" + program, official).status()).isEqualTo(200);
        assertThat(http.get("/api/programs/" + UUID.randomUUID(), official).status()).isEqualTo(404);
        assertThat(http.put("/api/programs/" + program, doj, Map.of("code", "CTP-" + program.substring(0, 6).toUpperCase(), "name", "n",
                "agency", "BJA")).status()).isEqualTo(200);
        assertThat(http.post("/api/programs/" + program + "/solicitations", doj, Map.of("fiscalYear", 2031, "kind", "LOCAL",
                "title", "FY2031 local", "applicationDue", "2031-09-05")).status()).isEqualTo(201);
        assertThat(http.get("/api/programs/" + program + "/solicitations", doj).status()).isEqualTo(200);
        String condition = GrantsFixtures.certification1373(http, program);
        assertThat(http.get("/api/programs/" + program + "/conditions?fiscalYear=2017", doj).status()).isEqualTo(200);
        assertThat(http.get("/api/programs/" + program + "/conditions/" + condition, doj).status()).isEqualTo(200);
        assertThat(http.get("/api/programs/" + program + "/conditions/" + UUID.randomUUID(), doj).status()).isEqualTo(404);
        assertThat(http.put("/api/programs/" + program + "/conditions/" + condition, doj, Map.of("fiscalYear", 2017, "code", "1373",
                "title", "1373", "fullText", "Certify 1373.", "needsCertification", true, "signerRole", "LEGAL_OFFICER")).status())
                .isEqualTo(200);

        // awards, with an Idempotency-Key: the replay, a reuse with another body, a key that breaks the rule
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = awardBody(program, number());
        TestHttp.Response created = http.send("POST", "/api/awards", doj, body, Map.of("Idempotency-Key", key));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        TestHttp.Response replayed = http.send("POST", "/api/awards", doj, body, Map.of("Idempotency-Key", key));
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.header("Location")).isEqualTo(created.header("Location"));
        assertThat(http.send("POST", "/api/awards", doj, awardBody(program, number()), Map.of("Idempotency-Key", key)).status())
                .isEqualTo(422);
        assertThat(http.send("POST", "/api/awards", doj, awardBody(program, number()), Map.of("Idempotency-Key", "a key")).status())
                .isEqualTo(400);
        assertThat(http.post("/api/awards", doj, body).status()).isEqualTo(409);
        String award = (String) created.json().get("id");
        assertThat(http.get("/api/awards?jurisdictionId=" + ours, official).status()).isEqualTo(200);
        assertThat(http.get("/api/awards?size=100000", doj).status()).isEqualTo(400);
        assertThat(http.get("/api/awards/" + award, official).status()).isEqualTo(200);
        assertThat(http.get("/api/awards/" + UUID.randomUUID(), doj).status()).isEqualTo(404);
        assertThat(http.get("/api/awards/" + award + "/money", doj).status()).isEqualTo(200);
        assertThat(http.post("/api/awards/" + award + "/acceptance-deadline", doj, Map.of("acceptanceDeadline", "2099-12-31",
                "reason", "extended")).status()).isEqualTo(200);
        assertThat(http.post("/api/awards/" + award + "/transitions", doj, Map.of("status", "LOST")).status()).isEqualTo(400);
        assertThat(http.post("/api/awards/" + award + "/transitions", official, Map.of("status", "ACCEPTED")).status()).isEqualTo(200);
        assertThat(http.post("/api/awards/" + award + "/money", doj, Map.of("kind", "DISBURSEMENT", "amount", "1.00",
                "date", "2017-10-01", "reason", "draw")).status()).as("not ACTIVE yet").isEqualTo(409);
        assertThat(http.post("/api/awards/" + award + "/transitions", doj, Map.of("status", "ACTIVE")).status()).isEqualTo(200);
        TestHttp.Response money = http.post("/api/awards/" + award + "/money", doj, Map.of("kind", "DISBURSEMENT", "amount", "1.00",
                "date", "2017-10-01", "reason", "draw"));
        assertThat(money.status()).as(money.toString()).isEqualTo(201);
        assertThat(http.get("/api/awards/at-risk", doj).status()).isEqualTo(200);
        assertThat(http.get("/api/awards/at-risk/csv", doj).status()).isEqualTo(200);
        assertThat(http.get("/api/awards/at-risk", official).status()).isEqualTo(403);
        assertThat(http.get("/api/awards/compliance-map", doj).status()).isEqualTo(200);

        // requirements, submissions, decisions
        String requirement = GrantsFixtures.firstRequirement(http, created);
        String requirements = "/api/certifications/requirements";
        assertThat(http.get(requirements + "?jurisdictionId=" + ours, official).status()).isEqualTo(200);
        assertThat(http.get(requirements + "?status=LOST", doj).status()).isEqualTo(400);
        assertThat(http.get(requirements + "/" + requirement, official).status()).isEqualTo(200);
        assertThat(http.get(requirements + "/" + UUID.randomUUID(), official).status()).isEqualTo(404);
        assertThat(http.post(requirements + "/" + requirement + "/extensions", doj, Map.of("deadlineDate", "2099-06-01",
                "reason", "more time")).status()).isEqualTo(201);
        assertThat(http.get(requirements + "/" + requirement + "/extensions", doj).status()).isEqualTo(200);
        Map<String, Object> signed = Map.of("signerName", "Sam Solicitor", "signerTitle", "City Attorney",
                "attestation", "I certify, under penalty of perjury, that the jurisdiction complies with 8 U.S.C. 1373.",
                "agreed", true, "documentIds", List.of(documents.document(ours).toString()));
        assertThat(http.post(requirements + "/" + requirement + "/submissions", official, signed).status()).isEqualTo(403);
        TestHttp.Response submitted = http.post(requirements + "/" + requirement + "/submissions", legal, signed);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        String submission = (String) submitted.json().get("id");
        assertThat(http.get(requirements + "/" + requirement + "/submissions", legal).status()).isEqualTo(200);
        assertThat(http.post("/api/certifications/submissions/" + submission + "/decision", doj, Map.of("decision", "MAYBE")).status())
                .isEqualTo(400);
        assertThat(http.post("/api/certifications/submissions/" + submission + "/decision", doj,
                Map.of("decision", "REJECTED", "reason", "unsigned")).status()).isEqualTo(200);
        assertThat(http.post("/api/certifications/submissions/" + UUID.randomUUID() + "/decision", doj,
                Map.of("decision", "ACCEPTED")).status()).isEqualTo(404);
        assertThat(http.post(requirements + "/" + requirement + "/waiver", doj, Map.of("reason", "not enforced")).status())
                .isEqualTo(200);
        assertThat(http.post("/api/certifications/reference-checks", TOKENS.service("documents"), Map.of("jurisdictionId", ours.toString(),
                "awardId", award, "requirementId", requirement)).status()).isEqualTo(200);
        assertThat(http.post("/api/certifications/reference-checks", doj, Map.of("jurisdictionId", ours.toString())).status())
                .isEqualTo(403);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String later = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(http.get("/api/certifications/feed?from=" + now + "&to=" + later, TOKENS.service("notifications")).status())
                .isEqualTo(200);
        assertThat(http.get("/api/certifications/feed?from=yesterday&to=" + later, TOKENS.service("notifications")).status())
                .isEqualTo(400);

        // court orders
        TestHttp.Response order = http.post("/api/court-orders", doj, Map.of("caseName", "Contract v. DOJ", "caseNumber", "1:26-cv-00003",
                "court", "N.D. Ill.", "orderDate", "2026-01-01", "scope", "JURISDICTIONS", "jurisdictionIds", List.of(ours.toString()),
                "conditionIds", List.of(condition), "inForceFrom", "2026-01-01"));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        String orderId = (String) order.json().get("id");
        assertThat(http.post("/api/court-orders", doj, Map.of("caseName", "x")).status()).isEqualTo(400);
        assertThat(http.get("/api/court-orders", official).status()).isEqualTo(200);
        assertThat(http.get("/api/court-orders/" + orderId, official).status()).isEqualTo(200);
        assertThat(http.get("/api/court-orders/" + UUID.randomUUID(), official).status()).isEqualTo(404);
        assertThat(http.post("/api/court-orders/" + orderId + "/lift", doj, Map.of("liftedOn", "2030-01-01", "reason", "stayed")).status())
                .isEqualTo(200);

        // demand letters
        Map<String, Object> letter = Map.of("subject", "Documents by the deadline", "body", "Answer the questions.",
                "deadlineDate", "2199-12-08", "questions", List.of(Map.of("text", "Your policy?", "signerRole", "JURISDICTION_OFFICIAL")),
                "recipients", Map.of("jurisdictionIds", List.of(ours.toString())));
        assertThat(http.post("/api/letters/recipients", doj, Map.of("jurisdictionIds", List.of(ours.toString()))).status()).isEqualTo(200);
        TestHttp.Response sent = http.post("/api/letters", doj, letter);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(http.post("/api/letters", doj, Map.of("subject", "")).status()).isEqualTo(400);
        assertThat(http.post("/api/letters", official, letter).status()).isEqualTo(403);
        String letterId = (String) sent.json().get("id");
        Map<String, Object> demand = ((List<Map<String, Object>>) sent.json().get("demands")).get(0);
        Map<String, Object> question = ((List<Map<String, Object>>) sent.json().get("questions")).get(0);
        assertThat(http.get("/api/letters", doj).status()).isEqualTo(200);
        assertThat(http.get("/api/letters/" + letterId, official).status()).isEqualTo(200);
        assertThat(http.get("/api/letters/" + UUID.randomUUID(), doj).status()).isEqualTo(404);
        assertThat(http.get("/api/letters/demands", official).status()).isEqualTo(200);
        assertThat(http.get("/api/letters/demands/" + demand.get("id"), official).status()).isEqualTo(200);
        assertThat(http.post("/api/letters/demands/" + demand.get("id") + "/answers", official,
                Map.of("answers", List.of(Map.of("questionId", question.get("id"), "text", "Attached.")))).status()).isEqualTo(200);
        assertThat(http.post("/api/letters/demands/" + demand.get("id") + "/decision", doj, Map.of("decision", "ACCEPTED")).status())
                .isEqualTo(200);
        assertThat(http.post("/api/letters/" + letterId + "/close", doj, Map.of("reason", "done")).status()).isEqualTo(200);

        // bulk actions
        assertThat(http.get("/api/bulk/requirements/count?status=OPEN&programId=" + program, doj).status()).isEqualTo(200);
        assertThat(http.get("/api/bulk/requirements/count?status=LOST", doj).status()).isEqualTo(400);
        assertThat(http.get("/api/bulk/requirements/csv?status=OPEN&programId=" + program, doj).status()).isEqualTo(200);
        TestHttp.Response stale = http.post("/api/bulk/requirements", doj, Map.of("filter", Map.of("programId", program, "status", "OPEN"),
                "action", "WAIVE", "expectedCount", 99, "reason", "not enforced"));
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(http.get("/api/bulk/jobs/" + UUID.randomUUID(), doj).status()).isEqualTo(404);

        // audit
        assertThat(http.get("/api/programs/audit", TOKENS.auditor()).status()).isEqualTo(200);
        assertThat(http.get("/api/programs/audit?size=0", TOKENS.auditor()).status()).isEqualTo(400);
        assertThat(http.get("/api/programs/audit", doj).status()).isEqualTo(403);
        assertThat(contract.checked()).hasSizeGreaterThan(75);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPostDocumentsTheIdempotencyKeyItHonours() {
        Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(published);
        List<String> missing = new ArrayList<>();
        int posts = 0;
        for (Map.Entry<String, Object> path : ((Map<String, Object>) document.get("paths")).entrySet()) {
            Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) path.getValue()).get("post");
            if (post == null || !path.getKey().startsWith("/api/")) {
                continue;
            }
            posts++;
            List<Map<String, Object>> parameters = (List<Map<String, Object>>) post.getOrDefault("parameters", List.of());
            Map<String, Object> responses = (Map<String, Object>) post.get("responses");
            boolean documented = parameters.stream().anyMatch(p -> "Idempotency-Key".equals(p.get("name")) && "header".equals(p.get("in"))
                    && String.valueOf(p.get("description")).contains("Idempotent-Replayed"))
                    && String.valueOf(((Map<String, Object>) responses.getOrDefault("422", Map.of())).get("description")).contains("Idempotency-Key")
                    && String.valueOf(((Map<String, Object>) responses.getOrDefault("409", Map.of())).get("description")).contains("Idempotency-Key");
            if (!documented) {
                missing.add("POST " + path.getKey());
            }
        }
        assertThat(posts).isGreaterThanOrEqualTo(20);
        assertThat(missing).as("POST operations (all pass grants' IdempotencyFilter) without the Idempotency-Key documented").isEmpty();
    }

    /**
     * Every operation with an id in its path, called with a malformed one: the answer (a 400 naming the
     * field, or the 401/403 of a caller who may not) must be one the document describes.
     */
    @Test
    void aMalformedIdInAnyPathIsAnAnswerTheDocumentDescribes() {
        List<OpenApiContract.Probe> probes = OpenApiContract.malformedIdProbes(published);
        for (OpenApiContract.Probe probe : probes) {
            TestHttp.Response answer = http.send(probe.method(), probe.path(), TOKENS.dojOfficer(), probe.body(), Map.of());
            assertThat(answer.status()).as(probe.method() + " " + probe.path() + ": " + answer).isLessThan(500);
        }
        assertThat(probes).hasSizeGreaterThan(5);
    }

    @Test
    void anAnswerTheDocumentDoesNotDescribeFails() {
        assertThatThrownBy(() -> http.send("PATCH", "/api/programs", TOKENS.dojOfficer(), "{}", Map.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("is not in the document");
        String without404 = published.replaceFirst(
                "(  /api/programs/\\{id}:\\n    get:\\n(?:      .*\\n)*?      responses:\\n(?:        .*\\n)*?)        [\"']404[\"']:\\n(?:          .*\\n)*", "$1");
        assertThat(without404).isNotEqualTo(published);
        TestHttp strict = new TestHttp(server.getURL().toString(), OpenApiContract.of(without404));
        assertThatThrownBy(() -> strict.get("/api/programs/" + UUID.randomUUID(), TOKENS.dojOfficer()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("-> 404: the document describes only");
    }
}

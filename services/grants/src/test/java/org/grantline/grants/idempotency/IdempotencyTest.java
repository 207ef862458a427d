package org.grantline.grants.idempotency;

import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTest extends GrantsServiceTest {
    String program;

    @BeforeAll
    void program() {
        program = GrantsFixtures.program(http, "IDEM");
        GrantsFixtures.certification1373(http, program);
    }

    UUID jurisdiction() {
        UUID id = UUID.randomUUID();
        jurisdictions.add(id, "America/Chicago", "IL");
        return id;
    }

    Map<String, Object> award(UUID jurisdiction) {
        return Map.of("jurisdictionId", jurisdiction.toString(), "programId", program, "fiscalYear", 2017,
                "awardNumber", GrantsFixtures.awardNumber("DJ-BX"),
                "amount", "1000.00", "awardDate", "2017-09-01");
    }

    TestHttp.Response post(String path, String token, Object body, String key) {
        return http.send("POST", path, token, body, Map.of(IdempotencyFilter.HEADER, key));
    }

    int awardsOf(UUID jurisdiction) {
        return ((Number) http.get("/api/awards?jurisdictionId=" + jurisdiction, TOKENS.dojOfficer()).json().get("total")).intValue();
    }

    @Test
    void sameKeyAndBodyReturnsTheFirstResultAndCreatesOnce() {
        UUID jurisdiction = jurisdiction();
        Map<String, Object> body = award(jurisdiction);
        String key = UUID.randomUUID().toString();
        TestHttp.Response first = post("/api/awards", TOKENS.dojOfficer(), body, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header(IdempotencyFilter.REPLAYED)).isNull();

        TestHttp.Response again = post("/api/awards", TOKENS.dojOfficer(), body, key);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(again.header("Content-Type")).startsWith("application/json");
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(again.json().get("amount")).isEqualTo(first.json().get("amount"));
        assertThat(awardsOf(jurisdiction)).isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBodyIsRejected() {
        UUID jurisdiction = jurisdiction();
        String key = UUID.randomUUID().toString();
        assertThat(post("/api/awards", TOKENS.dojOfficer(), award(jurisdiction), key).status()).isEqualTo(201);
        TestHttp.Response other = post("/api/awards", TOKENS.dojOfficer(), award(jurisdiction), key);
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.isProblem()).isTrue();
        assertThat(other.json().get("type")).isEqualTo("urn:grantline:problem:idempotency-key-reused");
        assertThat(awardsOf(jurisdiction)).isEqualTo(1);
    }

    @Test
    void aFailedRequestFreesItsKeyForACorrectedRetry() {
        UUID jurisdiction = jurisdiction();
        String key = UUID.randomUUID().toString();
        Map<String, Object> unknownJurisdiction = new HashMap<>(award(jurisdiction));
        unknownJurisdiction.put("jurisdictionId", UUID.randomUUID().toString());
        TestHttp.Response failed = post("/api/awards", TOKENS.dojOfficer(), unknownJurisdiction, key);
        assertThat(failed.status()).as(failed.toString()).isEqualTo(400);

        TestHttp.Response corrected = post("/api/awards", TOKENS.dojOfficer(), award(jurisdiction), key);
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        assertThat(corrected.header(IdempotencyFilter.REPLAYED)).isNull();
    }

    @Test
    void keysBelongToTheirCaller() {
        String key = UUID.randomUUID().toString();
        String code = "IK-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestHttp.Response officer = post("/api/programs", TOKENS.dojOfficer(), Map.of("code", code, "name", "n", "agency", "BJA"), key);
        assertThat(officer.status()).as(officer.toString()).isEqualTo(201);
        TestHttp.Response admin = post("/api/programs", TOKENS.admin(), Map.of("code", code + "B", "name", "n", "agency", "BJA"), key);
        assertThat(admin.status()).as(admin.toString()).isEqualTo(201);
        assertThat(admin.json().get("id")).isNotEqualTo(officer.json().get("id"));
    }

    @Test
    void aMalformedKeyIsABadRequest() {
        TestHttp.Response response = post("/api/awards", TOKENS.dojOfficer(), award(jurisdiction()), "x".repeat(300));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneAward() throws Exception {
        UUID jurisdiction = jurisdiction();
        Map<String, Object> body = award(jurisdiction);
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<TestHttp.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> post("/api/awards", TOKENS.dojOfficer(), body, key));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<TestHttp.Response> f : pool.invokeAll(calls)) {
                statuses.add(f.get().status());
            }
            assertThat(statuses).as(statuses.toString()).containsOnly(201, 409).contains(201);
        } finally {
            pool.shutdown();
        }
        assertThat(awardsOf(jurisdiction)).isEqualTo(1);
        TestHttp.Response later = post("/api/awards", TOKENS.dojOfficer(), body, key);
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
    }

    @Test
    void requestsWithoutAKeyAreNotRemembered() {
        UUID jurisdiction = jurisdiction();
        assertThat(http.post("/api/awards", TOKENS.dojOfficer(), award(jurisdiction)).status()).isEqualTo(201);
        assertThat(http.post("/api/awards", TOKENS.dojOfficer(), award(jurisdiction)).status()).isEqualTo(201);
        assertThat(awardsOf(jurisdiction)).isEqualTo(2);
    }
}

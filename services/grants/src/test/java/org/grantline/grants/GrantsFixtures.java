package org.grantline.grants;

import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds grants records over the API: programs, the 1373 condition, awards with award numbers nobody else uses. */
public final class GrantsFixtures {
    private static final TestTokens TOKENS = TestTokens.shared();

    private GrantsFixtures() {
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_NUMBER =
            new java.util.concurrent.atomic.AtomicInteger(ThreadLocalRandom.current().nextInt(10000));

    /**
     * An award number ({@code 2017-<series>-NNNN}) that no other call in this test JVM returns (up to 10,000 of them):
     * random four-digit numbers collided now and then (a birthday draw), which turned a create into a 409.
     */
    public static String awardNumber(String series) {
        return "2017-" + series + "-" + String.format("%04d", Math.floorMod(NEXT_NUMBER.getAndIncrement(), 10000));
    }

    /** A new program with a unique code; returns its id. */
    public static String program(TestHttp http, String prefix) {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestHttp.Response created = http.post("/api/programs", TOKENS.dojOfficer(), Map.of("code", code, "name", "JAG " + code,
                "agency", "BJA"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    /** The FY2017 1373 condition, signed by the legal officer; returns its id. */
    public static String certification1373(TestHttp http, String program) {
        return (String) http.post("/api/programs/" + program + "/conditions", TOKENS.dojOfficer(), Map.of("fiscalYear", 2017,
                "code", "1373", "title", "1373", "fullText", "Certify 1373.", "needsCertification", true,
                "signerRole", "LEGAL_OFFICER")).json().get("id");
    }

    /** Creates an award from {@code body} with a fresh award number (retrying a taken one); returns the response. */
    public static TestHttp.Response award(TestHttp http, Map<String, Object> body) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Map<String, Object> numbered = new HashMap<>(body);
            numbered.put("awardNumber", awardNumber("DJ-BX"));
            TestHttp.Response created = http.post("/api/awards", TOKENS.dojOfficer(), numbered);
            if (created.status() != 409) {
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                return created;
            }
        }
        throw new AssertionError("no free award number");
    }

    /** The award's first requirement (the tests' programs have one certification). */
    @SuppressWarnings("unchecked")
    public static String firstRequirement(TestHttp http, TestHttp.Response award) {
        return (String) ((Map<String, Object>) items(http.get("/api/certifications/requirements?awardId=" + award.json().get("id"),
                TOKENS.dojOfficer())).get(0)).get("id");
    }

    /** The items of a page answer ({@code {"items": [...], "page", "size", "total"}}). */
    @SuppressWarnings("unchecked")
    public static List<Object> items(TestHttp.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return (List<Object>) page.json().get("items");
    }
}

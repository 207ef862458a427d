package org.grantline.jurisdiction;

import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds registry records over the API, with FIPS codes that do not collide between tests or runs. */
public final class RegistryFixtures {
    public static final Map<String, String> STATE_FIPS = Map.of("MD", "24", "NM", "35", "RI", "44", "VT", "50", "WY", "56");
    public static final TestTokens TOKENS = TestTokens.shared();

    private final TestHttp http;

    public RegistryFixtures(TestHttp http) {
        this.http = http;
    }

    /** The state's id, creating it on first use. */
    @SuppressWarnings("unchecked")
    public String state(String code) {
        TestHttp.Response found = http.get("/api/jurisdictions?type=STATE&state=" + code, TOKENS.auditor());
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        List<Map<String, Object>> items = (List<Map<String, Object>>) found.json().get("items");
        if (!items.isEmpty()) {
            return (String) items.get(0).get("id");
        }
        TestHttp.Response created = http.post("/api/jurisdictions", TOKENS.admin(), Map.of("name", "State " + code,
                "type", "STATE", "state", code, "fips", STATE_FIPS.get(code), "timeZone", "America/New_York"));
        if (created.status() == 409) {
            return state(code);
        }
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    public String county(String code, String name) {
        return create(code, "COUNTY", 3, state(code), name, null);
    }

    public String city(String code, String parentId, String name, Long population) {
        return create(code, "CITY", 5, parentId, name, population);
    }

    public String create(String code, String type, int digits, String parentId, String name, Long population) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String fips = STATE_FIPS.get(code) + String.format("%0" + digits + "d",
                    ThreadLocalRandom.current().nextInt((int) Math.pow(10, digits)));
            Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", type, "state", code, "fips", fips,
                    "timeZone", "America/New_York"));
            if (parentId != null) {
                body.put("parentId", parentId);
            }
            if (population != null) {
                body.put("population", population);
            }
            TestHttp.Response created = http.post("/api/jurisdictions", TOKENS.dojOfficer(), body);
            if (created.status() == 409) {
                continue;
            }
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            return (String) created.json().get("id");
        }
        throw new AssertionError("no free FIPS code");
    }

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> policy(String effectiveDate, boolean sanctuary, String detainers) {
        return Map.of("effectiveDate", effectiveDate, "sanctuary", sanctuary, "detainerPolicy", detainers,
                "facilityAccess", "PARTIAL", "releaseNotice", false, "section1373", "UNKNOWN");
    }
}

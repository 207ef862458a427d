package org.grantline.grants.certification;

import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The deadline feed: a window, a cursor over changes, court orders re-sending what they touch, and who may read it. */
class DeadlineFeedTest extends GrantsServiceTest {
    final UUID jurisdiction = UUID.randomUUID();
    final List<String> requirementIds = new ArrayList<>();

    String condition;
    String window;

    @BeforeAll
    void threeRequirementsDueInAWindowOfTheirOwn() {
        jurisdictions.add(jurisdiction, "America/Chicago", "IL");
        String program = GrantsFixtures.program(http, "FD");
        condition = GrantsFixtures.certification1373(http, program);
        int year = 2150 + ThreadLocalRandom.current().nextInt(49);
        window = "from=" + year + "-03-01T00:00:00Z&to=" + year + "-04-01T00:00:00Z";
        for (int day = 10; day < 13; day++) {
            requirementIds.add(GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, Map.of(
                    "jurisdictionId", jurisdiction.toString(), "programId", program, "fiscalYear", 2017, "amount", "1000.00",
                    "awardDate", "2017-09-01", "certificationDueDate", year + "-03-" + day))));
        }
        assertThat(requirementIds).hasSize(3);
    }

    TestHttp.Response feed(String query, String token) {
        return http.get("/api/certifications/feed?" + window + query, token);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNotificationsServicePagesThroughChangesAndIsSentAgainWhatACourtOrderTouches() {
        String notifications = TOKENS.service("notifications");
        TestHttp.Response first = feed("&limit=2", notifications);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json()).containsEntry("more", true);
        List<Map<String, Object>> items = new ArrayList<>((List<Map<String, Object>>) first.json().get("items"));
        TestHttp.Response second = feed("&limit=2&cursor=" + first.json().get("cursor"), notifications);
        assertThat(second.json()).containsEntry("more", false);
        items.addAll((List<Map<String, Object>>) second.json().get("items"));
        assertThat(items).extracting(i -> i.get("id")).containsExactlyInAnyOrderElementsOf(requirementIds);
        assertThat(items.get(0)).containsEntry("timeZone", "America/Chicago").containsEntry("enjoined", false)
                .containsEntry("jurisdictionId", jurisdiction.toString()).containsKey("deadline");

        String cursor = (String) second.json().get("cursor");
        assertThat((List<Object>) feed("&cursor=" + cursor, notifications).json().get("items")).as("nothing changed since").isEmpty();

        assertThat(http.post("/api/court-orders", TOKENS.dojOfficer(), Map.of("caseName", "City of Evanston v. Sessions",
                "caseNumber", "1:18-cv-04853", "court", "N.D. Ill.", "orderDate", "2018-08-09", "scope", "JURISDICTIONS",
                "jurisdictionIds", List.of(jurisdiction.toString()), "conditionIds", List.of(condition),
                "inForceFrom", "2018-08-09")).status()).isEqualTo(201);
        List<Map<String, Object>> resent = (List<Map<String, Object>>) feed("&cursor=" + cursor, notifications).json().get("items");
        assertThat(resent).extracting(i -> i.get("id")).containsExactlyInAnyOrderElementsOf(requirementIds);
        assertThat(resent).allSatisfy(i -> assertThat(i).containsEntry("enjoined", true));
    }

    @Test
    void onlyTheNotificationsServiceOrAnAdminReadsTheFeed() {
        assertThat(feed("", TOKENS.admin()).status()).isEqualTo(200);
        assertThat(feed("", TOKENS.service("grants")).status()).isEqualTo(403);
        assertThat(feed("", TOKENS.dojOfficer()).status()).isEqualTo(403);
        assertThat(feed("", TOKENS.official(jurisdiction)).status()).isEqualTo(403);
        assertThat(feed("", TOKENS.auditor()).status()).isEqualTo(403);
        assertThat(feed("", null).status()).isEqualTo(401);
        assertThat(http.get("/api/certifications/feed?from=2030-01-01T00:00:00Z&to=2032-01-01T00:00:00Z",
                TOKENS.service("notifications")).status()).isEqualTo(400);
        assertThat(feed("&cursor=nonsense", TOKENS.service("notifications")).status()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNotificationsServiceReadsNamedRequirementsBackAsTheFeedShowsThem() {
        String notifications = TOKENS.service("notifications");
        TestHttp.Response named = http.post("/api/certifications/feed/items", notifications,
                Map.of("ids", List.of(requirementIds.get(0), UUID.randomUUID().toString())));
        assertThat(named.status()).as(named.toString()).isEqualTo(200);
        List<Map<String, Object>> items = (List<Map<String, Object>>) named.json().get("items");
        assertThat(items).as("an unknown id is left out").singleElement().satisfies(i -> assertThat(i)
                .containsEntry("id", requirementIds.get(0)).containsEntry("timeZone", "America/Chicago")
                .containsKey("updatedAt").containsKey("status").containsKey("enjoined"));
        for (String token : java.util.Arrays.asList(TOKENS.service("grants"), TOKENS.dojOfficer(), TOKENS.auditor())) {
            assertThat(http.post("/api/certifications/feed/items", token, Map.of("ids", List.of(requirementIds.get(0)))).status())
                    .isEqualTo(403);
        }
        assertThat(http.post("/api/certifications/feed/items", notifications, Map.of("ids", List.of("nope"))).status()).isEqualTo(400);
        assertThat(http.post("/api/certifications/feed/items", notifications, Map.of("ids", List.of())).status()).isEqualTo(400);
        List<String> tooMany = new ArrayList<>();
        for (int n = 0; n < 501; n++) {
            tooMany.add(UUID.randomUUID().toString());
        }
        assertThat(http.post("/api/certifications/feed/items", notifications, Map.of("ids", tooMany)).status()).isEqualTo(400);
    }
}

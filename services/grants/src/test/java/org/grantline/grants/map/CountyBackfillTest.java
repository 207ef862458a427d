package org.grantline.grants.map;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.grantline.grants.DocumentsStub;
import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Jurisdictions whose awards came before counties were recorded are put in their county by the backfill. */
class CountyBackfillTest extends GrantsServiceTest {
    @Inject
    CountyBackfill backfill;
    @Inject
    Forget forget;

    @Override
    protected void properties(Map<String, String> p) {
        p.put("grantline.county-backfill.initial-delay", "1h");   // the passes below run when the test says
    }

    /** As before V18: no county recorded for anyone. */
    @Singleton
    static class Forget {
        private final JdbcOperations jdbc;

        Forget(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        void counties() {
            jdbc.prepareStatement("DELETE FROM jurisdiction_county", (PreparedStatement ps) -> ps.executeUpdate());
        }
    }

    @Test
    void awardsMadeBeforeCountiesWereRecordedCountInTheirCountyAfterTheBackfill() {
        String program = GrantsFixtures.program(http, "BACKFILL");
        GrantsFixtures.certification1373(http, program);
        UUID oregon = UUID.randomUUID(), multnomah = UUID.randomUUID(), portland = UUID.randomUUID();
        jurisdictions.place(oregon, "America/Los_Angeles", "OR", "41", null);
        jurisdictions.place(multnomah, "America/Los_Angeles", "OR", "41051", oregon);
        jurisdictions.place(portland, "America/Los_Angeles", "OR", "4159000", multnomah);
        for (UUID place : List.of(oregon, multnomah, portland)) {
            GrantsFixtures.award(http, Map.of("jurisdictionId", place.toString(), "programId", program, "fiscalYear", 2017,
                    "amount", "100.00", "awardDate", "2017-09-01", "certificationDueDate", "2199-01-01"));
        }
        forget.counties();
        assertThat(county(map(), "41051")).as("no county known").isNull();

        jurisdictions.failing = true;
        CountyBackfill.Pass down = backfill.run();
        assertThat(down.complete()).isFalse();
        assertThat(down.recorded()).isZero();
        jurisdictions.failing = false;

        int before = jurisdictions.authorizations.size();
        CountyBackfill.Pass pass = backfill.run();
        assertThat(jurisdictions.authorizations.subList(before, jurisdictions.authorizations.size()))
                .as("a scheduled job asks the registry as this service itself (no user's request to propagate a token from)")
                .isNotEmpty().allMatch(("Bearer " + DocumentsStub.SERVICE_TOKEN)::equals);
        assertThat(pass.complete()).isTrue();
        assertThat(pass.recorded()).isEqualTo(2);     // Multnomah itself, and Portland in Multnomah
        assertThat(pass.inNoCounty()).isEqualTo(1);   // Oregon, a state
        assertThat(county(map(), "41051")).containsEntry("requirements", 2).containsEntry("state", "OR");

        int asked = jurisdictions.authorizations.size();
        CountyBackfill.Pass again = backfill.run();
        assertThat(again.recorded()).isZero();
        assertThat(jurisdictions.authorizations).as("the state is not asked about again").hasSize(asked);
    }

    Map<String, Object> map() {
        return http.get("/api/awards/compliance-map", TOKENS.dojOfficer()).json();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> county(Map<String, Object> picture, String fips) {
        return ((List<Map<String, Object>>) picture.get("counties")).stream()
                .filter(c -> fips.equals(c.get("county"))).findFirst().orElse(null);
    }
}

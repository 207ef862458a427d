package org.grantline.grants.map;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The map answers its kept picture while nothing it rests on has changed, and computes it again as
 * soon as any row does, also a row written past this service's code (another replica, an operator's
 * SQL) without touching updated_at, or when a deadline passes or a day begins.
 */
class KeptComplianceMapTest extends GrantsServiceTest {
    @Inject
    Writes writes;

    /** Writes straight to the tables, as another replica or an operator would. */
    @Singleton
    static class Writes {
        private final JdbcOperations jdbc;

        Writes(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        void setStatus(String requirement, String status) {
            jdbc.prepareStatement("UPDATE requirement SET status = ? WHERE id = ?", (PreparedStatement ps) -> {
                ps.setString(1, status);
                ps.setObject(2, UUID.fromString(requirement));
                return ps.executeUpdate();
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKeptPictureIsAnsweredUntilAnyRowItRestsOnChanges() {
        String program = GrantsFixtures.program(http, "KEPT");
        GrantsFixtures.certification1373(http, program);
        UUID burlington = UUID.randomUUID();
        jurisdictions.place(burlington, "America/New_York", "VT", "50007", null);
        String requirement = GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, Map.of(
                "jurisdictionId", burlington.toString(), "programId", program, "fiscalYear", 2017, "amount", "100.00",
                "awardDate", "2017-09-01", "certificationDueDate", "2199-01-01")));

        Map<String, Object> first = http.get("/api/awards/compliance-map", TOKENS.dojOfficer()).json();
        assertThat(state(first, "VT")).containsEntry("status", "open");
        Map<String, Object> again = http.get("/api/awards/compliance-map", TOKENS.auditor()).json();
        assertThat(again.get("asOf")).as("nothing changed: the kept picture").isEqualTo(first.get("asOf"));

        writes.setStatus(requirement, "ACCEPTED");   // updated_at left alone
        Map<String, Object> changed = http.get("/api/awards/compliance-map", TOKENS.dojOfficer()).json();
        assertThat(changed.get("asOf")).isNotEqualTo(first.get("asOf"));
        assertThat(state(changed, "VT")).containsEntry("status", "ok").containsEntry("certifiedOrWaived", 1);

        // A new award (another table's rows) is seen at once too.
        UUID montpelier = UUID.randomUUID();
        jurisdictions.place(montpelier, "America/New_York", "VT", "50023", null);
        GrantsFixtures.award(http, Map.of("jurisdictionId", montpelier.toString(), "programId", program, "fiscalYear", 2017,
                "amount", "50.00", "awardDate", "2017-09-01", "certificationDueDate", "2017-10-16"));
        Map<String, Object> more = http.get("/api/awards/compliance-map", TOKENS.dojOfficer()).json();
        assertThat(state(more, "VT")).containsEntry("status", "risk").containsEntry("requirements", 2);
    }

    @Test
    void aKeptPictureLapsesAtTheNextDeadlineOrLocalMidnightAndAfterFiveMinutesAtMost() {
        Instant noon = Instant.parse("2026-12-03T12:00:00Z");
        assertThat(ComplianceMap.validUntil(noon, null, null)).isEqualTo(Instant.parse("2026-12-03T12:05:00Z"));
        assertThat(ComplianceMap.validUntil(noon, Instant.parse("2026-12-03T12:01:30Z"), "America/New_York"))
                .isEqualTo(Instant.parse("2026-12-03T12:01:30Z"));
        Instant beforeMidnightInNewYork = Instant.parse("2026-12-04T04:58:00Z");
        assertThat(ComplianceMap.validUntil(beforeMidnightInNewYork, null, "America/Los_Angeles,America/New_York"))
                .isEqualTo(Instant.parse("2026-12-04T05:00:00Z"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> state(Map<String, Object> picture, String state) {
        return ((List<Map<String, Object>>) picture.get("states")).stream()
                .filter(s -> state.equals(s.get("state"))).findFirst().orElseThrow();
    }
}

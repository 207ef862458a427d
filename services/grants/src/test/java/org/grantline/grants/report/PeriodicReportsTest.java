package org.grantline.grants.report;

import jakarta.inject.Inject;
import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Semi-annual reports: one requirement per period as it begins, due 30 days after it ends at the
 * jurisdiction's local deadline time; a report 15 days overdue withholds the award's funds once,
 * audited as the system; a submitted report, a court order or a waiver keeps the funds flowing.
 * Passes are run "as of" a later instant instead of waiting months.
 */
class PeriodicReportsTest extends GrantsServiceTest {
    final UUID stockton = UUID.randomUUID();
    final UUID fresno = UUID.randomUUID();

    @Inject
    PeriodicReports reports;
    String program;
    String report;

    @Override
    protected void properties(Map<String, String> p) {
        p.put("grantline.reports.initial-delay", "1h");   // the passes below run as of the instants they name
    }

    @BeforeAll
    void aProgramWithASemiAnnualReport() {
        jurisdictions.add(stockton, "America/Los_Angeles", "CA");
        jurisdictions.add(fresno, "America/Los_Angeles", "CA");
        program = GrantsFixtures.program(http, "PR");
        TestHttp.Response made = http.post("/api/programs/" + program + "/conditions", TOKENS.dojOfficer(), Map.of("fiscalYear", 2017,
                "code", "PERF", "title", "Semi-annual performance report", "fullText", "Report on the award's performance every six months.",
                "needsCertification", true, "signerRole", "JURISDICTION_OFFICIAL"));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        report = (String) made.json().get("id");
    }

    String activeAward(UUID jurisdiction) {
        TestHttp.Response award = GrantsFixtures.award(http, Map.of("jurisdictionId", jurisdiction.toString(), "programId", program,
                "fiscalYear", 2017, "amount", "90000.00", "awardDate", LocalDate.now().toString(), "certificationDueDate", "2099-01-01"));
        String id = (String) award.json().get("id");
        for (String status : List.of("ACCEPTED", "ACTIVE")) {
            TestHttp.Response moved = http.post("/api/awards/" + id + "/transitions", TOKENS.dojOfficer(), Map.of("status", status));
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        }
        return id;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> reportsOf(String award, String token) {
        TestHttp.Response answer = http.get("/api/awards/" + award + "/reports", token);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return (List<Map<String, Object>>) (List<?>) answer.jsonList();
    }

    String status(String award) {
        return (String) http.get("/api/awards/" + award, TOKENS.dojOfficer()).json().get("status");
    }

    @Test
    void eachPeriodGetsItsRequirementAndAReportFifteenDaysLateWithholdsTheFundsOnce() {
        TestHttp.Response set = http.put("/api/programs/" + program + "/conditions/" + report + "/report-schedule", TOKENS.dojOfficer(),
                Map.of("everyMonths", 6, "dueDaysAfter", 30, "withholdAfterDays", 15));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        String late = activeAward(stockton);
        String onTime = activeAward(fresno);

        reports.run(Instant.now());
        List<Map<String, Object>> first = reportsOf(late, TOKENS.official(stockton));
        assertThat(first).hasSize(1);
        ReportPeriods.Period now = ReportPeriods.holding(LocalDate.now(ZoneId.of("America/Los_Angeles")), 6);
        assertThat(first.get(0)).containsEntry("periodStart", now.start().toString()).containsEntry("periodEnd", now.end().toString())
                .containsEntry("status", "OPEN");
        Instant deadline = Instant.parse((String) first.get(0).get("deadline"));
        assertThat(deadline.atZone(ZoneId.of("America/Los_Angeles")).toLocalDate()).isEqualTo(now.end().plusDays(30));
        String requirement = (String) first.get(0).get("requirementId");
        assertThat(http.get("/api/certifications/requirements/" + requirement, TOKENS.official(stockton)).json())
                .containsEntry("status", "OPEN").containsEntry("awardId", late);
        assertThat(reports.run(Instant.now())).as("a second pass makes nothing new").isEqualTo(new PeriodicReports.Pass(0, 0));

        // Fresno reports; Stockton does not.
        String fresnoReport = (String) reportsOf(onTime, TOKENS.dojOfficer()).get(0).get("requirementId");
        TestHttp.Response submitted = http.post("/api/certifications/requirements/" + fresnoReport + "/submissions",
                TOKENS.official(fresno), Map.of("signerName", "Fran Fresno", "signerTitle", "Grants Manager",
                        "attestation", "This report is true and complete.", "agreed", true,
                        "documentIds", List.of(documents.document(fresno).toString())));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);

        PeriodicReports.Pass early = reports.run(deadline.plus(Duration.ofDays(14)));
        assertThat(early.withheld()).as("14 days late: not yet").isZero();
        assertThat(early.created()).as("the next period has begun, for both awards").isEqualTo(2);
        assertThat(reportsOf(late, TOKENS.dojOfficer())).extracting(r -> r.get("periodStart"))
                .containsExactly(now.start().toString(), now.end().plusDays(1).toString());
        assertThat(status(late)).isEqualTo("ACTIVE");
        Instant later = deadline.plus(Duration.ofDays(16));
        PeriodicReports.Pass pass = reports.run(later);
        assertThat(pass.withheld()).isEqualTo(1);
        assertThat(status(late)).isEqualTo("WITHHELD");
        assertThat(status(onTime)).isEqualTo("ACTIVE");
        assertThat(reportsOf(late, TOKENS.auditor()).get(0).get("withheldAt")).isNotNull();
        String trail = http.get("/api/programs/audit?entityType=award&entityId=" + late, TOKENS.auditor()).body();
        assertThat(trail).contains("award.status-changed").contains("WITHHELD").contains("days overdue").contains("system");
        assertThat(http.get("/api/awards/at-risk", TOKENS.dojOfficer()).body()).contains("90000.00");

        // DOJ releases the funds: the same missed report does not withhold them again.
        assertThat(http.post("/api/awards/" + late + "/transitions", TOKENS.dojOfficer(), Map.of("status", "ACTIVE")).status()).isEqualTo(200);
        assertThat(reports.run(later.plus(Duration.ofDays(1))).withheld()).isZero();
        assertThat(status(late)).isEqualTo("ACTIVE");
    }

    @Test
    void onlyDojSetsASchedule_andItIsCheckedField_byField() {
        String path = "/api/programs/" + program + "/conditions/" + report + "/report-schedule";
        Map<String, Object> good = Map.of("everyMonths", 6, "dueDaysAfter", 30, "withholdAfterDays", 15);
        assertThat(http.put(path, TOKENS.auditor(), good).status()).isEqualTo(403);
        assertThat(http.put(path, TOKENS.official(stockton), good).status()).isEqualTo(403);
        assertThat(http.put(path, TOKENS.service("notifications"), good).status()).isEqualTo(403);
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("everyMonths", 5, "dueDaysAfter", 30, "withholdAfterDays", 15),
                Map.<String, Object>of("everyMonths", 6, "dueDaysAfter", -1, "withholdAfterDays", 15),
                Map.<String, Object>of("everyMonths", 6, "dueDaysAfter", 30, "withholdAfterDays", 400),
                Map.<String, Object>of("everyMonths", 6, "dueDaysAfter", 30))) {
            TestHttp.Response refused = http.put(path, TOKENS.dojOfficer(), bad);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
        }
        assertThat(http.put("/api/programs/" + program + "/conditions/" + UUID.randomUUID() + "/report-schedule", TOKENS.dojOfficer(), good)
                .status()).isEqualTo(404);
        assertThat(http.get("/api/awards/" + UUID.randomUUID() + "/reports", TOKENS.dojOfficer()).status()).isEqualTo(404);
    }
}

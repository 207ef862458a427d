package org.grantline.grants.award;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.grantline.shared.security.Roles;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Funds at risk by state, program and fiscal year, as JSON or as a CSV download. */
@Controller("/api/awards/at-risk")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.AUDITOR})
public class AtRiskController {

    private final AtRiskReport report;

    public AtRiskController(AtRiskReport report) {
        this.report = report;
    }

    @Get
    public AtRiskReport.Report json() {
        return report.now();
    }

    @Get("/csv")
    public HttpResponse<String> csv() {
        AtRiskReport.Report current = report.now();
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader("state", "program", "fiscal_year", "awards", "amount_at_risk").get())) {
            for (AtRiskReport.Row row : current.rows()) {
                csv.printRecord(row.state(), row.programCode(), row.fiscalYear(), row.awards(), row.amountAtRisk().toPlainString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.ok(out.toString())
                .contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"funds-at-risk.csv\"");
    }
}

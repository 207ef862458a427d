package org.grantline.grants.award;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.ProblemResponses;
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
@ProblemResponses.Authenticated
@Tag(name = "Funds at risk")
public class AtRiskController {

    private final AtRiskReport report;

    public AtRiskController(AtRiskReport report) {
        this.report = report;
    }

    @Get
    @Operation(summary = "Funds at risk by state, program and fiscal year")
    public AtRiskReport.Report json() {
        return report.now();
    }

    @Get("/csv")
    @Operation(summary = "Funds at risk as a CSV download")
    @ApiResponse(responseCode = "200", description = "RFC 4180 CSV with a header row: state, program, fiscal_year, awards, amount_at_risk",
            headers = @Header(name = "Content-Disposition", required = true, schema = @Schema(type = "string", example = "attachment; filename=\"funds-at-risk.csv\"")),
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string",
                    example = "state,program,fiscal_year,awards,amount_at_risk\r\nMD,BYRNE-JAG,2024,1,250000.00\r\n")))
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

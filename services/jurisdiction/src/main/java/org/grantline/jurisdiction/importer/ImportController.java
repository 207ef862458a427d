package org.grantline.jurisdiction.importer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.grantline.shared.security.Roles;

import java.io.StringReader;

/** {@code POST /api/jurisdictions/import} with a CSV body ({@code text/csv}). */
@Controller("/api/jurisdictions/import")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
@ProblemResponses.Authenticated
@Tag(name = "Jurisdictions")
public class ImportController {

    private final JurisdictionImporter importer;

    public ImportController(JurisdictionImporter importer) {
        this.importer = importer;
    }

    @Post
    @Operation(summary = "Imports jurisdictions from CSV (one row each; existing FIPS codes are updated)")
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    @ProblemResponses.PayloadTooLarge
    @ProblemResponses.UnsupportedMediaType
    @RequestBody(required = true, content = @Content(mediaType = "text/csv", schema = @Schema(type = "string",
            example = "fips,name,type,state,parent_fips,population,time_zone\n24510,Baltimore,CITY,MD,24,585708,America/New_York")))
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public ImportReport importCsv(@Body String csv) {
        return importer.importCsv(new StringReader(csv));
    }
}

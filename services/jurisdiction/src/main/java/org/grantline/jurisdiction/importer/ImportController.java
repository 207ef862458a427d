package org.grantline.jurisdiction.importer;

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
public class ImportController {

    private final JurisdictionImporter importer;

    public ImportController(JurisdictionImporter importer) {
        this.importer = importer;
    }

    @Post
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public ImportReport importCsv(@Body String csv) {
        return importer.importCsv(new StringReader(csv));
    }
}

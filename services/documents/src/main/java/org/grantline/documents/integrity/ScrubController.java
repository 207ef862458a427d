package org.grantline.documents.integrity;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.grantline.shared.security.Roles;

/** The scrub command: an administrator re-verifies every stored file (synchronously) and gets the report. */
@Controller("/api/documents/scrub")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@ProblemResponses.Authenticated
@Tag(name = "Operations")
public class ScrubController {
    private final Scrubber scrubber;

    public ScrubController(Scrubber scrubber) {
        this.scrubber = scrubber;
    }

    /** Re-verifies every stored file against its SHA-256 and reports what is corrupt. */
    @Post
    @ProblemResponses.ServiceUnavailable
    public Scrubber.Report scrub() {
        return scrubber.scrub();
    }
}

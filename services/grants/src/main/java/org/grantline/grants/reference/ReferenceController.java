package org.grantline.grants.reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.Idempotent;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import org.grantline.grants.api.GrantsReferenceOperations;
import org.grantline.grants.api.ReferenceMessages.ReferenceAnswer;
import org.grantline.grants.api.ReferenceMessages.ReferenceCheck;
import org.grantline.shared.security.Roles;

/**
 * For other GrantLine services acting as themselves (role SERVICE): the documents service asks this
 * before it files a document under an award, requirement or submission, so that nobody tags an upload
 * with another jurisdiction's ids (DOJ would then see it listed under that jurisdiction). The contract
 * (path, records) is grants-api's {@link GrantsReferenceOperations}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.SERVICE)
@ProblemResponses.Authenticated
@Tag(name = "Service to service")
public class ReferenceController implements GrantsReferenceOperations {
    private final ReferenceChecks checks;

    public ReferenceController(ReferenceChecks checks) {
        this.checks = checks;
    }

    @Override
    @Idempotent
    @Operation(summary = "Checks that the award, requirement and submission named belong together and to the jurisdiction")
    @ProblemResponses.BadRequest
    public ReferenceAnswer check(@Body @Valid ReferenceCheck check) {
        return checks.check(check);
    }
}

package org.grantline.grants.map;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.security.Roles;

/**
 * The compliance map's data in one answer. National oversight only (DOJ officers, administrators,
 * auditors): a jurisdiction's own users are refused (403), as for the funds-at-risk report it draws on;
 * their own requirements are on their dashboard.
 */
@Controller("/api/awards/compliance-map")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.AUDITOR})
@ProblemResponses.Authenticated
@Tag(name = "Awards")
public class ComplianceMapController {
    private final ComplianceMap map;

    public ComplianceMapController(ComplianceMap map) {
        this.map = map;
    }

    @Get
    @io.swagger.v3.oas.annotations.Operation(summary = "The compliance map: status, counts and funds at risk by state and county")
    public ComplianceMap.Picture get() {
        return map.now();
    }
}

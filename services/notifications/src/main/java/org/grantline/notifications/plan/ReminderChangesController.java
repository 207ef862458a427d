package org.grantline.notifications.plan;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.utils.SecurityService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.grantline.notifications.api.ChangesCommand;
import org.grantline.notifications.api.ChangesResult;
import org.grantline.notifications.api.ReminderChangesOperations;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where the grants service announces, right after commit, which requirements changed (its outbox
 * relay): they are read back from the deadline feed and planned at once, so a reminder stops within
 * a second of a submission, waiver, extension or court order instead of at the next poll. The body
 * says only which requirements to read; the feed stays the source of truth and the poll the safety
 * net. Only the grants service itself: people (admins and auditors included) get 403. The contract is
 * notifications-api's {@link ReminderChangesOperations}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.SERVICE)
@ProblemResponses.Authenticated
@Tag(name = "Service to service")
public class ReminderChangesController implements ReminderChangesOperations {
    static final String ANNOUNCER = "grants";

    private final Planner planner;
    private final SecurityService security;

    public ReminderChangesController(Planner planner, SecurityService security) {
        this.planner = planner;
        this.security = security;
    }

    @Override
    @Operation(summary = "Plans the named requirements now, read back from the grants feed")
    @ProblemResponses.BadRequest
    @ProblemResponses.ServiceUnavailable
    public ChangesResult changed(@Valid @Body ChangesCommand command) {
        if (!ANNOUNCER.equals(Caller.of(security.getAuthentication().orElseThrow()).subject())) {
            throw Problems.forbidden("Only the grants service announces requirement changes");
        }
        Planner.Result result;
        try {
            result = planner.replan(List.copyOf(new LinkedHashSet<>(command.requirementIds())));
        } catch (io.micronaut.http.client.exceptions.HttpClientException | java.io.UncheckedIOException e) {
            throw Problems.of(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service Unavailable",
                    "The grants feed could not be read; nothing was planned. Announce the change again shortly.");
        }
        return new ChangesResult(result.items(), result.planned(), result.cancelled());
    }
}

package org.grantline.notifications.operator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.notifications.delivery.Channel;
import org.grantline.notifications.delivery.DeliveryStatus;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.authentication.Authentication;
import org.grantline.shared.security.Roles;

import java.net.URI;
import org.grantline.shared.input.InDateRange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The operators' view: every delivery with its outcome, counts by status, a run now (in the background), and retrying dead ones. */
@Controller("/api/reminders")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Reminders")
public class RemindersController {
    private static final String STATUS = "PENDING|SENDING|SENT|FAILED|DEAD|CANCELLED";

    private final ReminderQueries queries;
    private final ReminderRuns runs;

    public RemindersController(ReminderQueries queries, ReminderRuns runs) {
        this.queries = queries;
        this.runs = runs;
    }

    @Get
    @Operation(summary = "Every reminder delivery with its outcome, filtered")
    @ProblemResponses.BadRequest
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.AUDITOR})
    public ReminderQueries.Page list(@Nullable @QueryValue UUID jurisdictionId, @Nullable @QueryValue UUID requirementId,
                                     @Nullable @QueryValue @Pattern(regexp = STATUS) String status,
                                     @Nullable @QueryValue @Pattern(regexp = "EMAIL|INBOX|WEBHOOK") String channel,
                                     @Nullable @QueryValue @InDateRange Instant from, @Nullable @QueryValue @InDateRange Instant to,
                                     @QueryValue(defaultValue = "0") @Min(0) int page,
                                     @QueryValue(defaultValue = "50") @Min(1) @Max(500) int size) {
        return queries.deliveries(new ReminderQueries.Filter(jurisdictionId, requirementId,
                status == null ? null : DeliveryStatus.valueOf(status), channel == null ? null : Channel.valueOf(channel), from, to),
                page, size);
    }

    @Get("/counts")
    @Operation(summary = "Reminder deliveries counted by status")
    @ProblemResponses.BadRequest
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.AUDITOR})
    public Map<String, Long> counts(@Nullable @QueryValue UUID jurisdictionId, @Nullable @QueryValue UUID requirementId,
                                    @Nullable @QueryValue @Pattern(regexp = "EMAIL|INBOX|WEBHOOK") String channel,
                                    @Nullable @QueryValue @InDateRange Instant from, @Nullable @QueryValue @InDateRange Instant to) {
        return queries.counts(new ReminderQueries.Filter(jurisdictionId, requirementId, null,
                channel == null ? null : Channel.valueOf(channel), from, to));
    }

    /** The planned schedule of a requirement (or of a jurisdiction): when each reminder is due. */
    @Get("/schedule")
    @ProblemResponses.BadRequest
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.AUDITOR})
    public List<ReminderQueries.Planned> schedule(@Nullable @QueryValue UUID requirementId, @Nullable @QueryValue UUID jurisdictionId) {
        return queries.schedule(requirementId, jurisdictionId);
    }

    /**
     * Plans and delivers now, in the background (a run at scale takes longer than the gateway waits):
     * 202 with the run, and its URL in {@code Location}; a run still going is a 409.
     */
    @Post("/run")
    @Operation(summary = "Starts a planning and sending run now, in the background")
    @ApiResponse(responseCode = "202", description = "Started; `Location` names the run to poll",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", required = true, schema = @Schema(type = "string", format = "uri-reference")))
    @Secured(Roles.ADMIN)
    @Status(HttpStatus.ACCEPTED)
    public HttpResponse<ReminderRuns.Run> run(Authentication authentication) {
        ReminderRuns.Run run = runs.start(authentication.getName());
        return HttpResponse.accepted(URI.create("/api/reminders/runs/" + run.id())).body(run);
    }

    /** Runs asked for, newest first. */
    @Get("/runs")
    @ProblemResponses.BadRequest
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.AUDITOR})
    public List<ReminderRuns.Run> runs(@QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return runs.recent(limit);
    }

    /** One run: RUNNING, then SUCCEEDED or FAILED with what it did. */
    @Get("/runs/{id}")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.AUDITOR})
    public ReminderRuns.Run run(UUID id) {
        return runs.get(id);
    }

    @Post("/{id}/retry")
    @ProblemResponses.BadRequest
    @Operation(summary = "Retries a dead delivery")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured(Roles.ADMIN)
    public ReminderQueries.Delivery retry(UUID id) {
        return queries.retry(id);
    }
}

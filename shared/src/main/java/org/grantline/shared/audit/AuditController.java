package org.grantline.shared.audit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.security.Roles;

import java.util.List;

/**
 * A service's audit trail for auditors and admins, newest first, filtered by entity or actor.
 * Mounted where the service says ({@code grantline.audit.path}), under its own route prefix.
 */
@Controller("${grantline.audit.path}")
@Requires(property = "grantline.audit.path")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.AUDITOR, Roles.ADMIN})
@ProblemResponses.Authenticated
public class AuditController {

    private final AuditEventRepository events;

    public AuditController(AuditEventRepository events) {
        this.events = events;
    }

    @Serdeable
    public record AuditPage(List<AuditEvent> items, int page, int size, long total) {
    }

    /** Audit events (who, what, when, request id, before and after), newest first; filter by entity or by actor. */
    @Operation(summary = "The audit trail", tags = "Audit")
    @Get
    @ProblemResponses.BadRequest
    public AuditPage list(@Nullable @QueryValue @Size(max = 100) String entityType,
                          @Nullable @QueryValue @Size(max = 100) String entityId,
                          @Nullable @QueryValue @Size(max = 200) String actor,
                          @QueryValue(defaultValue = "0") @Min(0) int page,
                          @QueryValue(defaultValue = "50") @Min(1) @Max(100) int size) {
        Pageable pageable = Pageable.from(page, size, Sort.of(Sort.Order.desc("occurredAt"), Sort.Order.asc("id")));
        Page<AuditEvent> result;
        if (entityType != null && entityId != null) {
            result = events.findByEntityTypeAndEntityId(entityType, entityId, pageable);
        } else if (entityType != null) {
            result = events.findByEntityType(entityType, pageable);
        } else if (actor != null) {
            result = events.findByActor(actor, pageable);
        } else {
            result = events.findAll(pageable);
        }
        return new AuditPage(result.getContent(), page, size, result.getTotalSize());
    }
}

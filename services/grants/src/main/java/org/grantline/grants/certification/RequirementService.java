package org.grantline.grants.certification;

import org.grantline.grants.api.RequirementStatus;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.grantline.grants.court.CourtOrderService;
import org.grantline.grants.court.Enjoinments;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Certification requirements: created with their award, one per condition that needs certifying,
 * due at a local date and time in the jurisdiction's zone. DOJ extends deadlines; every extension
 * is kept. Officials and legal officers see only their own jurisdiction's requirements.
 */
@Singleton
public class RequirementService {
    static final String ENTITY = "requirement";

    private final RequirementRepository requirements;
    private final DeadlineExtensionRepository extensions;
    private final CourtOrderService courtOrders;
    private final AuditTrail audit;
    private final RequirementQueries queries;

    public RequirementService(RequirementRepository requirements, DeadlineExtensionRepository extensions,
                              CourtOrderService courtOrders, AuditTrail audit, RequirementQueries queries) {
        this.queries = queries;
        this.requirements = requirements;
        this.extensions = extensions;
        this.courtOrders = courtOrders;
        this.audit = audit;
    }

    /** The requirement as of now: enjoined is computed from the court orders on today's local date. */
    public RequirementView view(Requirement r, Instant now) {
        return view(r, now, courtOrders.enjoinments());
    }

    /** The same for many requirements, against one reading of the court orders. */
    public RequirementView view(Requirement r, Instant now, Enjoinments enjoinments) {
        return RequirementView.of(r, now, enjoinments.enjoiningToday(r.conditionId(), r.jurisdictionId(),
                r.jurisdictionState(), r.timeZone()));
    }

    /** One reading of the court orders, to pass to {@link #view(Requirement, Instant, Enjoinments)}. */
    public Enjoinments enjoinments() {
        return courtOrders.enjoinments();
    }

    /** Called inside the award's creation, in its transaction. */
    public void createFor(UUID awardId, UUID jurisdictionId, String state, List<UUID> certifyingConditions, ZoneId zone,
                          LocalDate date, LocalTime time) {
        Enjoinments enjoinments = courtOrders.enjoinments();
        for (UUID conditionId : certifyingConditions) {
            createOne(awardId, conditionId, jurisdictionId, state, zone, date, time, null, enjoinments);
        }
    }

    /** One open requirement, audited, in the caller's transaction; {@code periodStart} for a periodic report's, else null. */
    public Requirement createOne(UUID awardId, UUID conditionId, UUID jurisdictionId, String state, ZoneId zone, LocalDate date,
                                 LocalTime time, @io.micronaut.core.annotation.Nullable LocalDate periodStart, Enjoinments enjoinments) {
        Instant now = now();
        Requirement saved = requirements.save(new Requirement(UUID.randomUUID(), awardId, conditionId, jurisdictionId,
                state, zone.getId(), date, time, Deadlines.instant(date, time, zone), RequirementStatus.OPEN, null, null, periodStart, now, now, null));
        audit.record("requirement.created", ENTITY, saved.id(), null, view(saved, now, enjoinments));
        return saved;
    }

    @Serdeable
    public record RequirementPage(List<RequirementView> items, int page, int size, long total) {
    }

    /**
     * Requirements matching the filters, earliest deadline first. Officials and legal officers see
     * their own jurisdiction's only: naming another jurisdiction is a 404, another's award finds nothing.
     */
    public RequirementPage search(RequirementSearch search, Caller caller) {
        RequirementSearch scoped = search;
        if (!caller.seesAllJurisdictions() && !caller.has(Roles.SERVICE)) {
            UUID own = caller.jurisdictionId().orElseThrow(() -> Problems.notFound("No requirements"));
            if (search.jurisdictionId() != null && !search.jurisdictionId().equals(own)) {
                throw Problems.notFound("No jurisdiction " + search.jurisdictionId());
            }
            scoped = search.heldTo(own);
        }
        RequirementQueries.Found found = queries.search(scoped);
        Instant now = Instant.now();
        Enjoinments enjoinments = courtOrders.enjoinments();
        return new RequirementPage(found.items().stream().map(r -> view(r, now, enjoinments)).toList(),
                scoped.pageOrDefault(), scoped.sizeOrDefault(), found.total());
    }

    /** The requirements of one award (as the caller may see them), earliest deadline first. */
    public List<RequirementView> forAward(UUID awardId, Caller caller) {
        Instant now = Instant.now();
        Enjoinments enjoinments = courtOrders.enjoinments();
        return requirements.findByAwardId(awardId, Sort.of(Sort.Order.asc("deadlineAt"))).stream()
                .filter(r -> readable(r, caller))
                .map(r -> view(r, now, enjoinments)).toList();
    }

    public RequirementView get(UUID id, Caller caller) {
        return view(find(id, caller), Instant.now());
    }

    @Transactional
    public RequirementView extend(UUID id, ExtensionCommand command, Caller caller) {
        Requirement current = find(id, caller);
        if (current.status() == RequirementStatus.ACCEPTED || current.status() == RequirementStatus.WAIVED) {
            throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Conflict",
                    "The requirement is " + current.status() + "; its deadline no longer runs",
                    Map.of("currentStatus", current.status()));
        }
        LocalTime time = command.deadlineTime() == null ? Deadlines.DEFAULT_TIME : command.deadlineTime();
        Instant deadline = Deadlines.instant(command.deadlineDate(), time, ZoneId.of(current.timeZone()));
        if (!deadline.isAfter(current.deadlineAt())) {
            throw Problems.invalid("deadlineDate", "an extension must be later than the current deadline "
                    + current.deadlineDate() + " " + current.deadlineTime() + " " + current.timeZone());
        }
        Instant now = now();
        extensions.save(new DeadlineExtension(UUID.randomUUID(), id, current.deadlineAt(), deadline, command.reason().strip(),
                caller.subject(), now));
        Requirement changed = requirements.update(new Requirement(id, current.awardId(), current.conditionId(),
                current.jurisdictionId(), current.jurisdictionState(), current.timeZone(), command.deadlineDate(), time, deadline, current.status(),
                current.rejectionReason(), current.waiverReason(), current.periodStart(), current.createdAt(), now, current.version()));
        RequirementView view = view(changed, now);
        audit.record("requirement.deadline-extended", ENTITY, id, view(current, now), view);
        return view;
    }

    /** DOJ waives the certification: it is no longer due, never overdue, never a reason to withhold. */
    @Transactional
    public RequirementView waive(UUID id, String reason, Caller caller) {
        Requirement current = find(id, caller);
        if (current.status() == RequirementStatus.ACCEPTED || current.status() == RequirementStatus.WAIVED) {
            throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Conflict",
                    "The requirement is already " + current.status(), Map.of("currentStatus", current.status()));
        }
        Instant now = now();
        Requirement changed = requirements.update(new Requirement(id, current.awardId(), current.conditionId(),
                current.jurisdictionId(), current.jurisdictionState(), current.timeZone(), current.deadlineDate(),
                current.deadlineTime(), current.deadlineAt(), RequirementStatus.WAIVED, current.rejectionReason(), reason.strip(),
                current.periodStart(), current.createdAt(), now, current.version()));
        RequirementView view = view(changed, now);
        audit.record("requirement.waived", ENTITY, id, view(current, now), view);
        return view;
    }

    public List<DeadlineExtension> extensions(UUID id, Caller caller) {
        find(id, caller);
        return extensions.findByRequirementIdOrderByExtendedAt(id);
    }

    private Requirement find(UUID id, Caller caller) {
        return requirements.findById(id).filter(r -> readable(r, caller))
                .orElseThrow(() -> Problems.notFound("No requirement " + id));
    }

    private static boolean readable(Requirement r, Caller caller) {
        return caller.seesAllJurisdictions() || caller.has(Roles.SERVICE)
                || caller.jurisdictionId().map(r.jurisdictionId()::equals).orElse(false);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

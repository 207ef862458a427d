package org.grantline.grants.award;

import org.grantline.grants.api.AwardStatus;
import org.grantline.grants.api.ConditionView;
import org.grantline.grants.api.AwardView;
import org.grantline.grants.api.AwardPage;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.grants.award.AwardMessages.AwardCreateCommand;
import org.grantline.grants.award.AwardMessages.MoneyCommand;
import org.grantline.grants.award.AwardMessages.MoneyView;
import org.grantline.grants.certification.Deadlines;
import org.grantline.grants.certification.RequirementService;
import org.grantline.grants.condition.ConditionService;
import org.grantline.grants.jurisdiction.Jurisdictions;
import org.grantline.jurisdiction.api.JurisdictionView;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.DatabaseConflicts;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Awards and their money. The status follows {@link AwardStatus}; an illegal move is a 409 that
 * names the current state. Acceptance is due 45 days after the award date unless DOJ extends it.
 * Officials and legal officers see only their own jurisdiction's awards; anyone else's is a 404.
 */
@Singleton
public class AwardService {
    static final String ENTITY = "award";
    static final int ACCEPTANCE_DAYS = 45;

    private final AwardRepository awards;
    private final MoneyMovementRepository money;
    private final ConditionService conditions;
    private final Jurisdictions jurisdictions;
    private final RequirementService requirements;
    private final AuditTrail audit;
    private final TransactionOperations<Connection> transactions;
    private final org.grantline.grants.map.JurisdictionCounties places;

    public AwardService(AwardRepository awards, MoneyMovementRepository money, ConditionService conditions,
                        Jurisdictions jurisdictions, RequirementService requirements, AuditTrail audit,
                        TransactionOperations<Connection> transactions, org.grantline.grants.map.JurisdictionCounties places) {
        this.places = places;
        this.transactions = transactions;
        this.awards = awards;
        this.money = money;
        this.conditions = conditions;
        this.jurisdictions = jurisdictions;
        this.requirements = requirements;
        this.audit = audit;
    }

    /**
     * A new award with its conditions and certification requirements. The jurisdiction is confirmed
     * with the jurisdiction service first, outside the transaction (no connection is held while
     * another service answers); then everything is written in one transaction. Two requests for the
     * same award number, even at the same moment, make one award: the other is a 409.
     */
    public AwardView create(AwardCreateCommand command) {
        List<ConditionView> catalogue = conditions.list(command.programId(), command.fiscalYear());
        Set<UUID> chosen = command.conditionIds() == null
                ? catalogue.stream().map(ConditionView::id).collect(Collectors.toCollection(LinkedHashSet::new))
                : new LinkedHashSet<>(command.conditionIds());
        Set<UUID> known = catalogue.stream().map(ConditionView::id).collect(Collectors.toSet());
        for (UUID id : chosen) {
            if (!known.contains(id)) {
                throw Problems.invalid("conditionIds", "condition " + id + " is not in the program's FY"
                        + command.fiscalYear() + " catalogue");
            }
        }
        if (awards.findByAwardNumber(command.awardNumber()).isPresent()) {
            throw duplicateAwardNumber(command.awardNumber());
        }
        JurisdictionView jurisdiction = jurisdictions.require(command.jurisdictionId(),
                "jurisdictionId");
        java.util.Optional<String> county = jurisdictions.countyOf(jurisdiction);
        try {
            return transactions.executeWrite(status -> {
                Instant now = now();
                county.ifPresent(fips -> places.record(command.jurisdictionId(), fips, now));
                Award saved = awards.save(new Award(UUID.randomUUID(), command.jurisdictionId(), command.programId(),
                        command.fiscalYear(), command.awardNumber(), command.amount().setScale(2), command.awardDate(),
                        command.awardDate().plusDays(ACCEPTANCE_DAYS), AwardStatus.OFFERED, now, now, null));
                chosen.forEach(conditionId -> awards.attachCondition(saved.id(), conditionId));
                List<UUID> once = catalogue.stream().filter(c -> chosen.contains(c.id()) && c.needsCertification())
                        .map(ConditionView::id).toList();
                Set<UUID> recurring = once.isEmpty() ? Set.of() : Set.copyOf(awards.recurring(once));
                List<UUID> certifying = once.stream().filter(c -> !recurring.contains(c)).toList();
                requirements.createFor(saved.id(), saved.jurisdictionId(), jurisdiction.state(), certifying,
                        ZoneId.of(jurisdiction.timeZone()),
                        command.certificationDueDate() == null ? saved.acceptanceDeadline() : command.certificationDueDate(),
                        command.certificationDueTime() == null ? Deadlines.DEFAULT_TIME : command.certificationDueTime());
                AwardView view = view(saved);
                audit.record("award.created", ENTITY, saved.id(), null, view);
                return view;
            });
        } catch (DataAccessException e) {
            if (DatabaseConflicts.isUniqueViolation(e, "award_number_unique")) {
                throw duplicateAwardNumber(command.awardNumber());   // made by a request at the same moment
            }
            throw e;
        }
    }

    private static ProblemException duplicateAwardNumber(String number) {
        return Problems.conflict("duplicate-award-number", "Award " + number + " already exists");
    }

    public AwardView get(UUID id, Caller caller) {
        return view(readable(id, caller));
    }

    public AwardPage list(UUID jurisdictionId, int page, int size, Caller caller) {
        Pageable pageable = Pageable.from(page, size, Sort.of(Sort.Order.asc("awardNumber")));
        UUID scope = jurisdictionId;
        if (!readsAll(caller)) {
            UUID own = caller.jurisdictionId().orElseThrow(() -> Problems.notFound("No awards"));
            if (scope != null && !scope.equals(own)) {
                throw Problems.notFound("No jurisdiction " + scope);
            }
            scope = own;
        }
        var result = scope == null ? awards.findAll(pageable) : awards.findByJurisdictionId(scope, pageable);
        return new AwardPage(result.getContent().stream().map(this::view).toList(), page, size, result.getTotalSize());
    }

    @Transactional
    public AwardView move(UUID id, AwardStatus next, String reason, Caller caller) {
        Award current = readable(id, caller);
        boolean federal = caller.has(Roles.DOJ_OFFICER) || caller.has(Roles.ADMIN);
        if (!federal && !AwardStatus.jurisdictionsMove(next)) {
            throw Problems.forbidden("Only DOJ moves an award to " + next);
        }
        if (!current.status().canMoveTo(next)) {
            throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Conflict",
                    "The award is " + current.status() + " and cannot become " + next, Map.of("currentStatus", current.status()));
        }
        LocalDate today = LocalDate.now();
        if (next == AwardStatus.ACCEPTED && today.isAfter(current.acceptanceDeadline())) {
            throw new ProblemException(HttpStatus.CONFLICT, "acceptance-deadline-passed", "Conflict",
                    "The acceptance deadline " + current.acceptanceDeadline() + " has passed", Map.of("currentStatus", current.status()));
        }
        if (next == AwardStatus.EXPIRED && !today.isAfter(current.acceptanceDeadline())) {
            throw new ProblemException(HttpStatus.CONFLICT, "acceptance-still-open", "Conflict",
                    "The award can be accepted until " + current.acceptanceDeadline(), Map.of("currentStatus", current.status()));
        }
        Award changed = awards.update(current.with(next, current.acceptanceDeadline(), now()));
        AwardView view = view(changed);
        audit.record("award.status-changed", ENTITY, id, Map.of("status", current.status()),
                reason == null ? Map.of("status", next) : Map.of("status", next, "reason", reason));
        return view;
    }

    /** DOJ extends the acceptance deadline; an expired offer is offered again. */
    @Transactional
    public AwardView extendAcceptance(UUID id, LocalDate deadline, String reason) {
        Award current = awards.findById(id).orElseThrow(() -> Problems.notFound("No award " + id));
        if (current.status() != AwardStatus.OFFERED && current.status() != AwardStatus.EXPIRED) {
            throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Conflict",
                    "The award is " + current.status() + "; only an offer's acceptance deadline can change",
                    Map.of("currentStatus", current.status()));
        }
        if (!deadline.isAfter(current.acceptanceDeadline())) {
            throw Problems.invalid("acceptanceDeadline", "must be later than the current deadline " + current.acceptanceDeadline());
        }
        Award changed = awards.update(current.with(AwardStatus.OFFERED, deadline, now()));
        audit.record("award.acceptance-extended", ENTITY, id,
                Map.of("acceptanceDeadline", current.acceptanceDeadline(), "status", current.status()),
                Map.of("acceptanceDeadline", deadline, "status", AwardStatus.OFFERED, "reason", reason));
        return view(changed);
    }

    @Transactional
    public MoneyView record(UUID id, MoneyCommand command, Caller caller) {
        Award award = awards.findById(id).orElseThrow(() -> Problems.notFound("No award " + id));
        BigDecimal amount = command.amount().setScale(2);
        BigDecimal disbursed = money.total(id, MoneyMovement.MovementKind.DISBURSEMENT.name());
        BigDecimal clawedBack = money.total(id, MoneyMovement.MovementKind.CLAWBACK.name());
        if (command.kind() == MoneyMovement.MovementKind.DISBURSEMENT) {
            if (award.status() != AwardStatus.ACTIVE) {
                throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Conflict",
                        "Funds are disbursed only while the award is ACTIVE; it is " + award.status(),
                        Map.of("currentStatus", award.status()));
            }
            if (disbursed.add(amount).compareTo(award.amount()) > 0) {
                throw Problems.invalid("amount", "disbursements would exceed the award amount " + award.amount());
            }
        } else {
            if (award.status() != AwardStatus.CLAWBACK_INITIATED) {
                throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Conflict",
                        "Funds are clawed back only after a clawback is initiated; the award is " + award.status(),
                        Map.of("currentStatus", award.status()));
            }
            if (clawedBack.add(amount).compareTo(disbursed) > 0) {
                throw Problems.invalid("amount", "clawbacks would exceed the " + disbursed + " disbursed");
            }
        }
        MoneyMovement saved = money.save(new MoneyMovement(UUID.randomUUID(), id, command.kind(), amount, command.date(),
                command.reason().strip(), caller.subject(), now()));
        MoneyView view = MoneyView.of(saved);
        audit.record("award.money-" + command.kind().name().toLowerCase(), ENTITY, id, null, view);
        return view;
    }

    public List<MoneyView> movements(UUID id, Caller caller) {
        readable(id, caller);
        return money.findByAwardIdOrderByMovementDate(id).stream().map(MoneyView::of).toList();
    }

    private Award readable(UUID id, Caller caller) {
        return awards.findById(id)
                .filter(a -> readsAll(caller) || caller.jurisdictionId().map(a.jurisdictionId()::equals).orElse(false))
                .orElseThrow(() -> Problems.notFound("No award " + id));
    }

    private static boolean readsAll(Caller caller) {
        return caller.seesAllJurisdictions() || caller.has(Roles.SERVICE);
    }

    private AwardView view(Award a) {
        return new AwardView(a.id(), a.jurisdictionId(), a.programId(), a.fiscalYear(), a.awardNumber(), a.amount(),
                a.awardDate(), a.acceptanceDeadline(), a.status(),
                money.total(a.id(), MoneyMovement.MovementKind.DISBURSEMENT.name()).setScale(2),
                money.total(a.id(), MoneyMovement.MovementKind.CLAWBACK.name()).setScale(2),
                awards.conditionIds(a.id()), a.version());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

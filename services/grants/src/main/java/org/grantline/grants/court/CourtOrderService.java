package org.grantline.grants.court;

import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.grants.certification.RequirementRepository;
import org.grantline.grants.condition.GrantConditionRepository;
import org.grantline.grants.court.CourtOrderMessages.CourtOrderCommand;
import org.grantline.grants.court.CourtOrderMessages.CourtOrderView;
import org.grantline.grants.jurisdiction.Jurisdictions;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Court orders and what they enjoin. Whether a requirement is enjoined is always computed from the
 * orders — the conditions they name, their scope, their dates, any stay or reversal — never set by hand.
 */
@Singleton
public class CourtOrderService {
    static final String ENTITY = "court_order";

    private final CourtOrderRepository orders;
    private final GrantConditionRepository conditions;
    private final RequirementRepository requirements;
    private final AuditTrail audit;
    private final Jurisdictions jurisdictions;
    private final TransactionOperations<Connection> transactions;

    public CourtOrderService(CourtOrderRepository orders, GrantConditionRepository conditions,
                             RequirementRepository requirements, AuditTrail audit, Jurisdictions jurisdictions,
                             TransactionOperations<Connection> transactions) {
        this.jurisdictions = jurisdictions;
        this.transactions = transactions;
        this.orders = orders;
        this.conditions = conditions;
        this.requirements = requirements;
        this.audit = audit;
    }

    /**
     * Records an order. The jurisdictions it covers are confirmed with the jurisdiction service first,
     * outside the transaction; then the order is written.
     */
    public CourtOrderView create(CourtOrderCommand command) {
        List<UUID> jurisdictionIds = command.jurisdictionIds() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(command.jurisdictionIds()));
        switch (command.scope()) {
            case STATE -> {
                if (command.scopeState() == null) {
                    throw Problems.invalid("scopeState", "an order scoped to a state names the state");
                }
            }
            case JURISDICTIONS, MEMBERS -> {
                if (jurisdictionIds.isEmpty()) {
                    throw Problems.invalid("jurisdictionIds", "an order scoped to jurisdictions or members lists them");
                }
            }
            case NATIONWIDE -> {
            }
        }
        if (command.inForceTo() != null && command.inForceTo().isBefore(command.inForceFrom())) {
            throw Problems.invalid("inForceTo", "must not be before inForceFrom");
        }
        List<UUID> conditionIds = List.copyOf(new LinkedHashSet<>(command.conditionIds()));
        for (UUID conditionId : conditionIds) {
            if (conditions.findById(conditionId).isEmpty()) {
                throw Problems.invalid("conditionIds", "no condition " + conditionId);
            }
        }
        if (command.scope() == CourtOrder.OrderScope.JURISDICTIONS || command.scope() == CourtOrder.OrderScope.MEMBERS) {
            jurisdictions.requireAll(jurisdictionIds, "jurisdictionIds");
        }
        return transactions.executeWrite(status -> record(command, jurisdictionIds, conditionIds));
    }

    private CourtOrderView record(CourtOrderCommand command, List<UUID> jurisdictionIds, List<UUID> conditionIds) {
        Instant now = now();
        CourtOrder saved = orders.save(new CourtOrder(UUID.randomUUID(), command.caseName().strip(), command.caseNumber().strip(),
                command.court().strip(), command.orderDate(), command.scope(),
                command.scope() == CourtOrder.OrderScope.STATE ? command.scopeState() : null, command.organisation(),
                command.inForceFrom(), command.inForceTo(), null, null, now, now, null));
        if (command.scope() == CourtOrder.OrderScope.JURISDICTIONS || command.scope() == CourtOrder.OrderScope.MEMBERS) {
            jurisdictionIds.forEach(j -> orders.cover(saved.id(), j));
        }
        conditionIds.forEach(c -> {
            orders.enjoin(saved.id(), c);
            requirements.touchCondition(c, now);
        });
        CourtOrderView view = view(saved);
        audit.record("court-order.created", ENTITY, saved.id(), null, view);
        return view;
    }

    /** A stay or reversal: the order stops covering anything from that date. */
    @Transactional
    public CourtOrderView lift(UUID id, LocalDate liftedOn, String reason) {
        CourtOrder current = orders.findById(id).orElseThrow(() -> Problems.notFound("No court order " + id));
        if (current.liftedOn() != null) {
            throw new ProblemException(HttpStatus.CONFLICT, "already-lifted", "Conflict",
                    "The order was already lifted on " + current.liftedOn(), Map.of());
        }
        if (liftedOn.isBefore(current.inForceFrom())) {
            throw Problems.invalid("liftedOn", "must not be before the order came into force (" + current.inForceFrom() + ")");
        }
        CourtOrder lifted = orders.update(new CourtOrder(id, current.caseName(), current.caseNumber(), current.court(),
                current.orderDate(), current.scope(), current.scopeState(), current.organisation(), current.inForceFrom(),
                current.inForceTo(), liftedOn, reason.strip(), current.createdAt(), now(), current.version()));
        Instant changed = now();
        orders.enjoinedConditions(id).forEach(c -> requirements.touchCondition(c, changed));
        CourtOrderView view = view(lifted);
        audit.record("court-order.lifted", ENTITY, id, view(current), view);
        return view;
    }

    public List<CourtOrderView> list() {
        return orders.findAllOrderByOrderDate().stream().map(this::view).toList();
    }

    public CourtOrderView get(UUID id) {
        return view(orders.findById(id).orElseThrow(() -> Problems.notFound("No court order " + id)));
    }

    /** All orders with what they name and cover, for computing enjoinment of many requirements at once. */
    public Enjoinments enjoinments() {
        return Enjoinments.of(orders.findAll(), orders.allConditionLinks(), orders.allJurisdictionLinks());
    }

    private CourtOrderView view(CourtOrder o) {
        return new CourtOrderView(o.id(), o.caseName(), o.caseNumber(), o.court(), o.orderDate(), o.scope(), o.scopeState(),
                o.organisation(), orders.coveredJurisdictions(o.id()), orders.enjoinedConditions(o.id()), o.inForceFrom(),
                o.inForceTo(), o.liftedOn(), o.liftedReason(), o.inForceOn(LocalDate.now()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

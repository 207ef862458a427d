package org.grantline.grants.court;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every court order with the conditions it names and the jurisdictions it covers, read in three
 * queries; answers "which orders enjoin this requirement" in memory, so a list of thousands of
 * requirements costs the same three queries as one.
 */
public final class Enjoinments {
    private final Map<UUID, List<CourtOrder>> ordersByCondition;
    private final Map<UUID, Set<UUID>> coveredByOrder;
    private final Map<String, LocalDate> todayByZone = new HashMap<>();

    Enjoinments(Map<UUID, List<CourtOrder>> ordersByCondition, Map<UUID, Set<UUID>> coveredByOrder) {
        this.ordersByCondition = ordersByCondition;
        this.coveredByOrder = coveredByOrder;
    }

    /** The orders that enjoin this condition for this jurisdiction on the given local date. */
    public List<UUID> enjoining(UUID conditionId, UUID jurisdictionId, String state, LocalDate date) {
        return ordersByCondition.getOrDefault(conditionId, List.of()).stream()
                .filter(o -> o.inForceOn(date))
                .filter(o -> switch (o.scope()) {
                    case NATIONWIDE -> true;
                    case STATE -> o.scopeState().equals(state);
                    case JURISDICTIONS, MEMBERS -> coveredByOrder.getOrDefault(o.id(), Set.of()).contains(jurisdictionId);
                })
                .map(CourtOrder::id).toList();
    }

    /** The same, on today's date in the jurisdiction's time zone. */
    public List<UUID> enjoiningToday(UUID conditionId, UUID jurisdictionId, String state, String zone) {
        return enjoining(conditionId, jurisdictionId, state,
                todayByZone.computeIfAbsent(zone, z -> LocalDate.now(ZoneId.of(z))));
    }

    static Enjoinments of(List<CourtOrder> orders, List<CourtOrderRepository.Link> conditions,
                          List<CourtOrderRepository.Link> covered) {
        Map<UUID, CourtOrder> byId = new HashMap<>();
        orders.forEach(o -> byId.put(o.id(), o));
        Map<UUID, List<CourtOrder>> byCondition = new HashMap<>();
        for (CourtOrderRepository.Link link : conditions) {
            CourtOrder order = byId.get(link.orderId());
            if (order != null) {
                byCondition.computeIfAbsent(link.otherId(), c -> new java.util.ArrayList<>()).add(order);
            }
        }
        Map<UUID, Set<UUID>> coveredByOrder = new HashMap<>();
        covered.forEach(link -> coveredByOrder.computeIfAbsent(link.orderId(), o -> new HashSet<>()).add(link.otherId()));
        return new Enjoinments(byCondition, coveredByOrder);
    }
}

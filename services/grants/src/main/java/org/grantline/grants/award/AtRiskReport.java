package org.grantline.grants.award;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.grantline.grants.certification.Requirement;
import org.grantline.grants.certification.RequirementRepository;
import org.grantline.grants.court.CourtOrderService;
import org.grantline.grants.court.Enjoinments;
import org.grantline.grants.program.Program;
import org.grantline.grants.program.ProgramRepository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Funds at risk: an award is at risk when one of its requirements is open and overdue, or was
 * rejected, and no court order enjoins it (waived and accepted ones never count), or when a missed
 * periodic report has withheld its funds and they are still withheld. Amounts are the
 * awards' amounts, summed by state, program and fiscal year.
 */
@Singleton
public class AtRiskReport {

    private final RequirementRepository requirements;
    private final AwardRepository awards;
    private final ProgramRepository programs;
    private final CourtOrderService courtOrders;

    public AtRiskReport(RequirementRepository requirements, AwardRepository awards, ProgramRepository programs,
                        CourtOrderService courtOrders) {
        this.requirements = requirements;
        this.awards = awards;
        this.programs = programs;
        this.courtOrders = courtOrders;
    }

    @Serdeable
    public record Row(String state, UUID programId, String programCode, int fiscalYear, int awards, BigDecimal amountAtRisk) {
    }

    @Serdeable
    public record Report(List<Row> rows, int awards, BigDecimal amountAtRisk, Instant asOf) {
    }

    public Report now() {
        Instant now = Instant.now();
        Map<UUID, String> stateOfAwardAtRisk = new HashMap<>();
        Enjoinments enjoinments = courtOrders.enjoinments();
        for (Requirement r : requirements.overdueOrRejected(now)) {
            if (stateOfAwardAtRisk.containsKey(r.awardId())) {
                continue;
            }
            boolean enjoined = !enjoinments.enjoiningToday(r.conditionId(), r.jurisdictionId(), r.jurisdictionState(),
                    r.timeZone()).isEmpty();
            if (!enjoined) {
                stateOfAwardAtRisk.put(r.awardId(), Objects.requireNonNullElse(r.jurisdictionState(), "??"));
            }
        }
        for (Requirement r : requirements.withheldForMissedReports()) {
            stateOfAwardAtRisk.putIfAbsent(r.awardId(), Objects.requireNonNullElse(r.jurisdictionState(), "??"));
        }
        List<Award> atRisk = stateOfAwardAtRisk.isEmpty() ? List.of() : awards.findByIdIn(stateOfAwardAtRisk.keySet());
        Set<UUID> programIds = new HashSet<>();
        atRisk.forEach(a -> programIds.add(a.programId()));
        Map<UUID, Program> programById = programs.findByIdIn(programIds).stream()
                .collect(Collectors.toMap(Program::id, Function.identity()));
        record Key(String state, UUID programId, int fiscalYear) {
        }
        Map<Key, List<Award>> groups = atRisk.stream().collect(Collectors.groupingBy(
                a -> new Key(stateOfAwardAtRisk.get(a.id()), a.programId(), a.fiscalYear())));
        List<Row> rows = groups.entrySet().stream()
                .map(e -> new Row(e.getKey().state(), e.getKey().programId(),
                        programById.get(e.getKey().programId()).code(), e.getKey().fiscalYear(), e.getValue().size(),
                        e.getValue().stream().map(Award::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2)))
                .sorted(Comparator.comparing(Row::state).thenComparing(Row::programCode).thenComparingInt(Row::fiscalYear))
                .toList();
        BigDecimal total = rows.stream().map(Row::amountAtRisk).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        return new Report(rows, atRisk.size(), total, now);
    }
}

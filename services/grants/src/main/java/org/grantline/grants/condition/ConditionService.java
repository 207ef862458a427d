package org.grantline.grants.condition;

import org.grantline.grants.api.ConditionView;

import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.grants.program.ProgramService;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A program's catalogue of conditions per fiscal year. A condition that needs certifying names
 * the role that must sign it; one that does not, names none. Codes are unique per program and year.
 */
@Singleton
public class ConditionService {
    static final String ENTITY = "condition";
    private static final Sort ORDER = Sort.of(Sort.Order.asc("fiscalYear"), Sort.Order.asc("code"));

    private final GrantConditionRepository conditions;
    private final ProgramService programs;
    private final AuditTrail audit;

    public ConditionService(GrantConditionRepository conditions, ProgramService programs, AuditTrail audit) {
        this.conditions = conditions;
        this.programs = programs;
        this.audit = audit;
    }

    public List<ConditionView> list(UUID programId, Integer fiscalYear) {
        programs.find(programId);
        List<GrantCondition> found = fiscalYear == null ? conditions.findByProgramId(programId, ORDER)
                : conditions.findByProgramIdAndFiscalYear(programId, fiscalYear, ORDER);
        return found.stream().map(ConditionService::view).toList();
    }

    public ConditionView get(UUID programId, UUID conditionId) {
        return view(find(programId, conditionId));
    }

    @Transactional
    public ConditionView add(UUID programId, ConditionCommand command) {
        programs.find(programId);
        check(command);
        conditions.findByProgramIdAndFiscalYearAndCode(programId, command.fiscalYear(), command.code()).ifPresent(c -> {
            throw duplicate(command);
        });
        Instant now = now();
        GrantCondition saved = conditions.save(new GrantCondition(UUID.randomUUID(), programId, command.fiscalYear(),
                command.code(), command.title().strip(), command.fullText().strip(), command.needsCertification(),
                command.signerRole(), now, now, null));
        ConditionView view = view(saved);
        audit.record("condition.created", ENTITY, saved.id(), null, view);
        return view;
    }

    @Transactional
    public ConditionView replace(UUID programId, UUID conditionId, ConditionCommand command) {
        GrantCondition current = find(programId, conditionId);
        check(command);
        conditions.findByProgramIdAndFiscalYearAndCode(programId, command.fiscalYear(), command.code())
                .filter(other -> !other.id().equals(conditionId))
                .ifPresent(other -> {
                    throw duplicate(command);
                });
        GrantCondition changed = conditions.update(new GrantCondition(conditionId, programId, command.fiscalYear(),
                command.code(), command.title().strip(), command.fullText().strip(), command.needsCertification(),
                command.signerRole(), current.createdAt(), now(), current.version()));
        ConditionView view = view(changed);
        audit.record("condition.updated", ENTITY, conditionId, view(current), view);
        return view;
    }

    private GrantCondition find(UUID programId, UUID conditionId) {
        return conditions.findById(conditionId).filter(c -> c.programId().equals(programId))
                .orElseThrow(() -> Problems.notFound("No condition " + conditionId + " in program " + programId));
    }

    private static void check(ConditionCommand command) {
        if (command.needsCertification() && command.signerRole() == null) {
            throw Problems.invalid("signerRole", "a condition that needs certifying names the role that signs it");
        }
        if (!command.needsCertification() && command.signerRole() != null) {
            throw Problems.invalid("signerRole", "only a condition that needs certifying has a signer");
        }
    }

    private static RuntimeException duplicate(ConditionCommand command) {
        return Problems.conflict("duplicate-condition", "The program already has condition " + command.code()
                + " for fiscal year " + command.fiscalYear());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static ConditionView view(GrantCondition c) {
        return new ConditionView(c.id(), c.programId(), c.fiscalYear(), c.code(), c.title(), c.fullText(),
                c.needsCertification(), c.signerRole(), c.version());
    }
}

package org.grantline.grants.program;

import org.grantline.grants.api.ProgramView;

import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Programs and their solicitations: unique codes, one solicitation per program, fiscal year and kind; audited. */
@Singleton
public class ProgramService {

    private final ProgramRepository programs;
    private final SolicitationRepository solicitations;
    private final AuditTrail audit;

    public ProgramService(ProgramRepository programs, SolicitationRepository solicitations, AuditTrail audit) {
        this.programs = programs;
        this.solicitations = solicitations;
        this.audit = audit;
    }

    public List<ProgramView> list() {
        return programs.findAllOrderByName().stream().map(ProgramService::view).toList();
    }

    public ProgramView get(UUID id) {
        return view(find(id));
    }

    public Program find(UUID id) {
        return programs.findById(id).orElseThrow(() -> Problems.notFound("No program " + id));
    }

    @Transactional
    public ProgramView create(ProgramCommand command) {
        if (programs.findByCode(command.code()).isPresent()) {
            throw Problems.conflict("duplicate-program-code", "A program with code " + command.code() + " already exists");
        }
        Instant now = now();
        Program saved = programs.save(new Program(UUID.randomUUID(), command.code(), command.name().strip(),
                command.agency().strip(), command.description(), now, now));
        ProgramView view = view(saved);
        audit.record("program.created", "program", saved.id(), null, view);
        return view;
    }

    @Transactional
    public ProgramView update(UUID id, ProgramCommand command) {
        Program current = find(id);
        programs.findByCode(command.code()).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw Problems.conflict("duplicate-program-code", "A program with code " + command.code() + " already exists");
        });
        Program changed = programs.update(new Program(id, command.code(), command.name().strip(), command.agency().strip(),
                command.description(), current.createdAt(), now()));
        ProgramView view = view(changed);
        audit.record("program.updated", "program", id, view(current), view);
        return view;
    }

    public List<SolicitationView> solicitations(UUID programId) {
        find(programId);
        return solicitations.findByProgramId(programId, Sort.of(Sort.Order.asc("fiscalYear"), Sort.Order.asc("kind")))
                .stream().map(SolicitationView::of).toList();
    }

    @Transactional
    public SolicitationView addSolicitation(UUID programId, SolicitationCommand command) {
        find(programId);
        if (solicitations.existsByProgramIdAndFiscalYearAndKind(programId, command.fiscalYear(), command.kind())) {
            throw Problems.conflict("duplicate-solicitation", "The program already has a " + command.kind()
                    + " solicitation for fiscal year " + command.fiscalYear());
        }
        Solicitation saved = solicitations.save(new Solicitation(UUID.randomUUID(), programId, command.fiscalYear(),
                command.kind(), command.title().strip(), command.applicationDue(), now()));
        SolicitationView view = SolicitationView.of(saved);
        audit.record("solicitation.created", "solicitation", saved.id(), null, view);
        return view;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static ProgramView view(Program p) {
        return new ProgramView(p.id(), p.code(), p.name(), p.agency(), p.description());
    }
}

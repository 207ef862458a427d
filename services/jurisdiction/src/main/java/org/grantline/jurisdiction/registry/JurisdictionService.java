package org.grantline.jurisdiction.registry;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The rules of the registry: consistent FIPS codes, real time zones, unique codes, audited changes. */
@Singleton
public class JurisdictionService {
    static final String ENTITY = "jurisdiction";

    private final JurisdictionRepository repository;
    private final AuditTrail audit;

    public JurisdictionService(JurisdictionRepository repository, AuditTrail audit) {
        this.repository = repository;
        this.audit = audit;
    }

    @Transactional
    public JurisdictionView create(JurisdictionCommand command) {
        check(command);
        if (repository.findByFips(command.fips()).isPresent()) {
            throw duplicateFips(command.fips());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Jurisdiction created = new Jurisdiction(UUID.randomUUID(), command.name().strip(), command.type(),
                command.state(), command.fips(), command.timeZone(), now, now, null);
        try {
            created = repository.save(created);
        } catch (DataAccessException e) {
            if (repository.findByFips(command.fips()).isPresent()) {
                throw duplicateFips(command.fips());
            }
            throw e;
        }
        JurisdictionView view = JurisdictionView.of(created);
        audit.record("jurisdiction.created", ENTITY, created.id(), null, view);
        return view;
    }

    @Transactional
    public JurisdictionView update(UUID id, JurisdictionCommand command) {
        check(command);
        Jurisdiction current = repository.findById(id)
                .orElseThrow(() -> Problems.notFound("No jurisdiction " + id));
        repository.findByFips(command.fips())
                .filter(other -> !other.id().equals(id))
                .ifPresent(other -> {
                    throw duplicateFips(command.fips());
                });
        Jurisdiction changed = new Jurisdiction(id, command.name().strip(), command.type(), command.state(),
                command.fips(), command.timeZone(), current.createdAt(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), current.version());
        changed = repository.update(changed);
        JurisdictionView view = JurisdictionView.of(changed);
        audit.record("jurisdiction.updated", ENTITY, id, JurisdictionView.of(current), view);
        return view;
    }

    public JurisdictionView get(UUID id) {
        return repository.findById(id).map(JurisdictionView::of)
                .orElseThrow(() -> Problems.notFound("No jurisdiction " + id));
    }

    public JurisdictionPage list(String state, int page, int size) {
        Pageable pageable = Pageable.from(page, size, Sort.of(Sort.Order.asc("name"), Sort.Order.asc("id")));
        var result = state == null ? repository.findAll(pageable) : repository.findByState(state, pageable);
        return new JurisdictionPage(result.getContent().stream().map(JurisdictionView::of).toList(),
                page, size, result.getTotalSize());
    }

    private static void check(JurisdictionCommand command) {
        try {
            ZoneId zone = ZoneId.of(command.timeZone());
            if (!zone.getId().contains("/")) {
                throw Problems.invalid("timeZone", "must be an IANA region time zone such as America/New_York");
            }
        } catch (DateTimeException e) {
            throw Problems.invalid("timeZone", "unknown time zone '" + command.timeZone() + "'");
        }
        String stateFips = StateCodes.fipsOf(command.state())
                .orElseThrow(() -> Problems.invalid("state", "unknown state code '" + command.state() + "'"));
        if (!command.type().acceptsFips(command.fips())) {
            throw Problems.invalid("fips", "a " + command.type() + " has a " + command.type().fipsLength()
                    + "-digit FIPS code");
        }
        if (!command.fips().startsWith(stateFips)) {
            throw Problems.invalid("fips", "must start with " + stateFips + ", the FIPS code of " + command.state());
        }
    }

    private static RuntimeException duplicateFips(String fips) {
        return Problems.conflict("duplicate-fips", "A jurisdiction with FIPS code " + fips + " already exists");
    }
}

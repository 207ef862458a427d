package org.grantline.jurisdiction.registry;

import org.grantline.jurisdiction.api.JurisdictionType;
import org.grantline.jurisdiction.api.JurisdictionView;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.DatabaseConflicts;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of the registry: consistent FIPS codes, real time zones, unique codes, a hierarchy
 * (city → county → state) of the right types that never loops, audited changes.
 */
@Singleton
public class JurisdictionService {
    public static final String ENTITY = "jurisdiction";

    private final JurisdictionRepository repository;
    private final AuditTrail audit;

    public JurisdictionService(JurisdictionRepository repository, AuditTrail audit) {
        this.repository = repository;
        this.audit = audit;
    }

    @Transactional
    public JurisdictionView create(JurisdictionCommand command) {
        check(command);
        checkParent(null, command);
        if (repository.findByFips(command.fips()).isPresent()) {
            throw duplicateFips(command.fips());
        }
        Instant now = now();
        Jurisdiction created = new Jurisdiction(UUID.randomUUID(), command.name().strip(), command.type(),
                command.state(), command.fips(), command.timeZone(), command.parentId(), command.population(),
                now, now, null);
        try {
            created = repository.save(created);
        } catch (DataAccessException e) {
            // Another request created the code since the check above: the transaction is spent, so say so.
            if (DatabaseConflicts.isUniqueViolation(e, "jurisdiction_fips_unique")) {
                throw duplicateFips(command.fips());
            }
            throw e;
        }
        JurisdictionView view = created.view();
        audit.record("jurisdiction.created", ENTITY, created.id(), null, view);
        return view;
    }

    @Transactional
    public JurisdictionView update(UUID id, JurisdictionCommand command) {
        check(command);
        Jurisdiction current = find(id);
        checkParent(id, command);
        repository.findByFips(command.fips())
                .filter(other -> !other.id().equals(id))
                .ifPresent(other -> {
                    throw duplicateFips(command.fips());
                });
        if (current.sameFieldsAs(command.name().strip(), command.type(), command.state(), command.fips(),
                command.timeZone(), command.parentId(), command.population())) {
            return current.view();
        }
        Jurisdiction changed = repository.update(new Jurisdiction(id, command.name().strip(), command.type(),
                command.state(), command.fips(), command.timeZone(), command.parentId(), command.population(),
                current.createdAt(), now(), current.version()));
        JurisdictionView view = changed.view();
        audit.record("jurisdiction.updated", ENTITY, id, current.view(), view);
        return view;
    }

    public JurisdictionView get(UUID id) {
        return find(id).view();
    }

    /** The given ids split into those that are jurisdictions and those that are not, each in the order given. */
    public org.grantline.jurisdiction.api.KnownAnswer known(java.util.List<UUID> ids) {
        Set<UUID> found = new HashSet<>();
        if (ids.isEmpty()) {
            return new org.grantline.jurisdiction.api.KnownAnswer(java.util.List.of(), java.util.List.of());
        }
        repository.findByIdIn(new HashSet<>(ids)).forEach(j -> found.add(j.id()));
        java.util.List<UUID> distinct = ids.stream().distinct().toList();
        return new org.grantline.jurisdiction.api.KnownAnswer(distinct.stream().filter(found::contains).toList(),
                distinct.stream().filter(id -> !found.contains(id)).toList());
    }

    public Jurisdiction find(UUID id) {
        return repository.findById(id).orElseThrow(() -> Problems.notFound("No jurisdiction " + id));
    }

    public Optional<Jurisdiction> findByFips(String fips) {
        return repository.findByFips(fips);
    }

    /** Field rules that need no other record; throws a 400 naming the field. */
    public static void check(JurisdictionCommand command) {
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

    /** Parent of the right type and state; for an existing jurisdiction, a chain that does not come back to it. */
    void checkParent(UUID self, JurisdictionCommand command) {
        if (command.parentId() == null) {
            if (command.type() == JurisdictionType.COUNTY) {
                throw Problems.invalid("parentId", "a COUNTY needs its STATE as parent");
            }
            return;
        }
        Jurisdiction parent = repository.findById(command.parentId())
                .orElseThrow(() -> Problems.invalid("parentId", "no jurisdiction " + command.parentId()));
        String problem = parentProblem(command.type(), command.state(), parent);
        if (problem != null) {
            throw Problems.invalid("parentId", problem);
        }
        if (self != null) {
            Set<UUID> seen = new HashSet<>();
            Jurisdiction step = parent;
            while (step != null) {
                if (step.id().equals(self) || !seen.add(step.id())) {
                    throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "parent-loop", "Unprocessable Entity",
                            "Making " + parent.name() + " the parent would make the parent chain loop", java.util.Map.of());
                }
                step = step.parentId() == null ? null : repository.findById(step.parentId()).orElse(null);
            }
        }
    }

    /** Why {@code parent} cannot be the parent of a jurisdiction of this type and state, or null if it can. */
    public static String parentProblem(JurisdictionType child, String state, Jurisdiction parent) {
        boolean allowed = switch (child) {
            case STATE -> parent.type() == JurisdictionType.OTHER;
            case COUNTY -> parent.type() == JurisdictionType.STATE;
            case CITY, TOWN -> parent.type() == JurisdictionType.COUNTY || parent.type() == JurisdictionType.STATE
                    || parent.type() == JurisdictionType.OTHER;
            case TRIBAL, OTHER -> true;
        };
        if (!allowed) {
            return "a " + child + " cannot have a " + parent.type() + " as parent";
        }
        if (parent.type() != JurisdictionType.OTHER && !parent.state().equals(state)) {
            return "the parent is in " + parent.state() + ", not " + state;
        }
        return null;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static RuntimeException duplicateFips(String fips) {
        return Problems.conflict("duplicate-fips", "A jurisdiction with FIPS code " + fips + " already exists");
    }
}

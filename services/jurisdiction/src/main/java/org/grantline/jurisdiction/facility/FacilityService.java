package org.grantline.jurisdiction.facility;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.jurisdiction.registry.Jurisdiction;
import org.grantline.jurisdiction.registry.JurisdictionRepository;
import org.grantline.jurisdiction.registry.JurisdictionService;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Detention facilities, their operators, and which jurisdictions book into them. */
@Singleton
public class FacilityService {
    static final String ENTITY = "detention_facility";

    private final DetentionFacilityRepository facilities;
    private final JurisdictionRepository jurisdictionRepository;
    private final JurisdictionService jurisdictions;
    private final AuditTrail audit;

    public FacilityService(DetentionFacilityRepository facilities, JurisdictionRepository jurisdictionRepository,
                           JurisdictionService jurisdictions, AuditTrail audit) {
        this.facilities = facilities;
        this.jurisdictionRepository = jurisdictionRepository;
        this.jurisdictions = jurisdictions;
        this.audit = audit;
    }

    @Transactional
    public FacilityView create(FacilityCommand command) {
        Jurisdiction operator = operator(command.operatorId());
        Instant now = now();
        DetentionFacility saved = facilities.save(new DetentionFacility(UUID.randomUUID(), command.name().strip(),
                operator.id(), command.kind(), command.capacity(), now, now, null));
        FacilityView view = FacilityView.of(saved, operator);
        audit.record("facility.created", ENTITY, saved.id(), null, view);
        return view;
    }

    @Transactional
    public FacilityView update(UUID id, FacilityCommand command) {
        DetentionFacility current = find(id);
        Problems.requireVersion(command.version(), current.version());
        Jurisdiction operator = operator(command.operatorId());
        DetentionFacility changed = facilities.update(new DetentionFacility(id, command.name().strip(), operator.id(),
                command.kind(), command.capacity(), current.createdAt(), now(), current.version()));
        FacilityView view = FacilityView.of(changed, operator);
        audit.record("facility.updated", ENTITY, id, FacilityView.of(current, jurisdictions.find(current.operatorId())), view);
        return view;
    }

    public FacilityView get(UUID id) {
        DetentionFacility facility = find(id);
        return FacilityView.of(facility, jurisdictions.find(facility.operatorId()));
    }

    /** The facilities a jurisdiction's police book into, each with its operator. */
    public List<FacilityView> bookedBy(UUID jurisdictionId) {
        jurisdictions.find(jurisdictionId);
        return withOperators(facilities.bookedBy(jurisdictionId));
    }

    public List<FacilityView> operatedBy(UUID jurisdictionId) {
        jurisdictions.find(jurisdictionId);
        return withOperators(facilities.findByOperatorIdOrderByName(jurisdictionId));
    }

    @Transactional
    public void book(UUID jurisdictionId, UUID facilityId) {
        jurisdictions.find(jurisdictionId);
        find(facilityId);
        // Booking twice, or twice at the same moment, books once: the insert skips an existing pair.
        if (facilities.book(jurisdictionId, facilityId) == 1) {
            audit.record("facility.booking-added", "facility_booking", jurisdictionId + "/" + facilityId, null,
                    Map.of("jurisdictionId", jurisdictionId, "facilityId", facilityId));
        }
    }

    @Transactional
    public void unbook(UUID jurisdictionId, UUID facilityId) {
        jurisdictions.find(jurisdictionId);
        if (facilities.unbook(jurisdictionId, facilityId) == 0) {
            throw Problems.notFound("Jurisdiction " + jurisdictionId + " does not book into facility " + facilityId);
        }
        audit.record("facility.booking-removed", "facility_booking", jurisdictionId + "/" + facilityId,
                Map.of("jurisdictionId", jurisdictionId, "facilityId", facilityId), null);
    }

    private List<FacilityView> withOperators(List<DetentionFacility> list) {
        Map<UUID, Jurisdiction> operators = jurisdictionRepository.findByIdIn(
                        list.stream().map(DetentionFacility::operatorId).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(Jurisdiction::id, Function.identity()));
        return list.stream().map(f -> FacilityView.of(f, operators.get(f.operatorId()))).toList();
    }

    private Jurisdiction operator(UUID id) {
        return jurisdictionRepository.findById(id)
                .orElseThrow(() -> Problems.invalid("operatorId", "no jurisdiction " + id));
    }

    private DetentionFacility find(UUID id) {
        return facilities.findById(id).orElseThrow(() -> Problems.notFound("No detention facility " + id));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

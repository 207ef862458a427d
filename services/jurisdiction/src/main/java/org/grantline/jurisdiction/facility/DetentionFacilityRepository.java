package org.grantline.jurisdiction.facility;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DetentionFacilityRepository extends CrudRepository<DetentionFacility, UUID> {

    List<DetentionFacility> findByOperatorIdOrderByName(UUID operatorId);

    /** The facilities a jurisdiction's police book suspects into. */
    @Query("SELECT f.* FROM detention_facility f JOIN facility_booking b ON b.facility_id = f.id "
            + "WHERE b.jurisdiction_id = :jurisdictionId ORDER BY f.name, f.id")
    List<DetentionFacility> bookedBy(UUID jurisdictionId);

    /** 1 when the booking was made, 0 when it existed already. */
    @Query("INSERT INTO facility_booking (jurisdiction_id, facility_id) VALUES (:jurisdictionId, :facilityId) ON CONFLICT DO NOTHING")
    long book(UUID jurisdictionId, UUID facilityId);

    @Query("DELETE FROM facility_booking WHERE jurisdiction_id = :jurisdictionId AND facility_id = :facilityId")
    long unbook(UUID jurisdictionId, UUID facilityId);
}

package org.grantline.grants.court;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CourtOrderRepository extends CrudRepository<CourtOrder, UUID> {

    List<CourtOrder> findAllOrderByOrderDate();

    @Query("SELECT o.* FROM court_order o JOIN court_order_condition c ON c.order_id = o.id WHERE c.condition_id = :conditionId")
    List<CourtOrder> enjoining(UUID conditionId);

    @Query("INSERT INTO court_order_jurisdiction (order_id, jurisdiction_id) VALUES (:orderId, :jurisdictionId)")
    void cover(UUID orderId, UUID jurisdictionId);

    @Query("INSERT INTO court_order_condition (order_id, condition_id) VALUES (:orderId, :conditionId)")
    void enjoin(UUID orderId, UUID conditionId);

    @Query("SELECT jurisdiction_id FROM court_order_jurisdiction WHERE order_id = :orderId")
    List<UUID> coveredJurisdictions(UUID orderId);

    @Query("SELECT condition_id FROM court_order_condition WHERE order_id = :orderId")
    List<UUID> enjoinedConditions(UUID orderId);
}

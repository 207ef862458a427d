package org.grantline.grants.court;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CourtOrderRepository extends CrudRepository<CourtOrder, UUID> {

    List<CourtOrder> findAllOrderByOrderDate();

    /** A row of one of the order's link tables: the order and the condition or jurisdiction it names. */
    @Introspected
    record Link(UUID orderId, UUID otherId) {
    }

    @Query("SELECT order_id, condition_id AS other_id FROM court_order_condition")
    List<Link> allConditionLinks();

    @Query("SELECT order_id, jurisdiction_id AS other_id FROM court_order_jurisdiction")
    List<Link> allJurisdictionLinks();

    @Query("INSERT INTO court_order_jurisdiction (order_id, jurisdiction_id) VALUES (:orderId, :jurisdictionId)")
    void cover(UUID orderId, UUID jurisdictionId);

    @Query("INSERT INTO court_order_condition (order_id, condition_id) VALUES (:orderId, :conditionId)")
    void enjoin(UUID orderId, UUID conditionId);

    @Query("SELECT jurisdiction_id FROM court_order_jurisdiction WHERE order_id = :orderId")
    List<UUID> coveredJurisdictions(UUID orderId);

    @Query("SELECT condition_id FROM court_order_condition WHERE order_id = :orderId")
    List<UUID> enjoinedConditions(UUID orderId);
}

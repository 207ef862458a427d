package org.grantline.gateway.apiclient;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiClientRepository extends CrudRepository<ApiClient, UUID> {

    boolean existsByName(String name);

    List<ApiClient> findAllOrderByName();

    List<ApiClient> findByJurisdictionIdOrderByName(UUID jurisdictionId);

    List<ApiClient> findByJurisdictionIdIsNullOrderByName();
}

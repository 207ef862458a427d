package org.grantline.notifications.webhook;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WebhookRepository extends CrudRepository<Webhook, UUID> {
    List<Webhook> findByActiveTrue();

    List<Webhook> findByJurisdictionId(UUID jurisdictionId);
}

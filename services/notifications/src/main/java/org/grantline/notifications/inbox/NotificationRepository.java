package org.grantline.notifications.inbox;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NotificationRepository extends PageableRepository<Notification, UUID> {

    Page<Notification> findByRecipient(String recipient, Pageable pageable);
}

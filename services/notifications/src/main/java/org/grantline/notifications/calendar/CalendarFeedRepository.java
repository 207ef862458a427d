package org.grantline.notifications.calendar;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CalendarFeedRepository extends CrudRepository<CalendarFeed, UUID> {
    Optional<CalendarFeed> findByTokenHash(String tokenHash);

    List<CalendarFeed> findByUsername(String username);
}

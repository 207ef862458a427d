package org.grantline.notifications.preference;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NotificationPreferenceRepository extends CrudRepository<NotificationPreference, UUID> {
    Optional<NotificationPreference> findBySubjectTypeAndSubject(NotificationPreference.SubjectType subjectType, String subject);

    List<NotificationPreference> findByEmailIn(Collection<String> emails);
}

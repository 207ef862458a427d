package org.grantline.grants.letters;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DemandLetterRepository extends CrudRepository<DemandLetter, UUID> {
    List<DemandLetter> findAllOrderBySentAtDesc();
    boolean existsBySubjectAndDeadlineDate(String subject, LocalDate deadlineDate);
}

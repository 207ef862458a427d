package org.grantline.jurisdiction.contact;

import org.grantline.jurisdiction.api.ContactRole;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ContactRepository extends PageableRepository<Contact, UUID> {

    List<Contact> findByJurisdictionId(UUID jurisdictionId, Sort sort);

    Page<Contact> findByJurisdictionId(UUID jurisdictionId, Pageable pageable);

    Page<Contact> findByRole(ContactRole role, Pageable pageable);

    Page<Contact> findByJurisdictionIdAndRole(UUID jurisdictionId, ContactRole role, Pageable pageable);
}

package org.grantline.jurisdiction.contact;

import org.grantline.jurisdiction.api.ContactRole;
import org.grantline.jurisdiction.api.ContactView;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.jurisdiction.registry.JurisdictionService;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Contacts are private. A jurisdiction's own officials and legal officers, DOJ officers, admins,
 * auditors and GrantLine services read them; anyone else gets the same 404 as for an unknown
 * jurisdiction. Officials and legal officers change their own; DOJ officers and admins any.
 */
@Singleton
public class ContactService {
    static final String ENTITY = "contact";

    private final ContactRepository contacts;
    private final JurisdictionService jurisdictions;
    private final AuditTrail audit;

    public ContactService(ContactRepository contacts, JurisdictionService jurisdictions, AuditTrail audit) {
        this.contacts = contacts;
        this.jurisdictions = jurisdictions;
        this.audit = audit;
    }

    public List<ContactView> list(UUID jurisdictionId, Caller caller) {
        requireReadable(jurisdictionId, caller);
        jurisdictions.find(jurisdictionId);
        return contacts.findByJurisdictionId(jurisdictionId, Sort.of(Sort.Order.asc("role"), Sort.Order.asc("name"))).stream().map(Contact::view).toList();
    }

    /** Across jurisdictions; a bound caller's search is confined to their own jurisdiction. */
    public ContactView.Page search(UUID jurisdictionId, ContactRole role, int page, int size, Caller caller) {
        UUID scope = jurisdictionId;
        if (!readsAll(caller)) {
            UUID own = caller.jurisdictionId().orElseThrow(() -> Problems.notFound("No contacts"));
            if (scope != null && !scope.equals(own)) {
                throw Problems.notFound("No jurisdiction " + scope);
            }
            scope = own;
        }
        Pageable pageable = Pageable.from(page, size, Sort.of(Sort.Order.asc("name"), Sort.Order.asc("id")));
        io.micronaut.data.model.Page<Contact> result;
        if (scope != null && role != null) {
            result = contacts.findByJurisdictionIdAndRole(scope, role, pageable);
        } else if (scope != null) {
            result = contacts.findByJurisdictionId(scope, pageable);
        } else if (role != null) {
            result = contacts.findByRole(role, pageable);
        } else {
            result = contacts.findAll(pageable);
        }
        return new ContactView.Page(result.getContent().stream().map(Contact::view).toList(), page, size,
                result.getTotalSize());
    }

    @Transactional
    public ContactView add(UUID jurisdictionId, ContactCommand command, Caller caller) {
        requireWritable(jurisdictionId, caller);
        jurisdictions.find(jurisdictionId);
        Instant now = now();
        Contact saved = contacts.save(new Contact(UUID.randomUUID(), jurisdictionId, command.name().strip(),
                command.role(), command.title(), command.email().strip(), command.phone(), now, now, null));
        ContactView view = saved.view();
        audit.record("contact.added", ENTITY, saved.id(), null, view);
        return view;
    }

    @Transactional
    public ContactView replace(UUID jurisdictionId, UUID contactId, ContactCommand command, Caller caller) {
        requireWritable(jurisdictionId, caller);
        Contact current = find(jurisdictionId, contactId);
        Problems.requireVersion(command.version(), current.version());
        Contact changed = contacts.update(new Contact(contactId, jurisdictionId, command.name().strip(), command.role(),
                command.title(), command.email().strip(), command.phone(), current.createdAt(), now(), current.version()));
        ContactView view = changed.view();
        audit.record("contact.changed", ENTITY, contactId, current.view(), view);
        return view;
    }

    @Transactional
    public void remove(UUID jurisdictionId, UUID contactId, Caller caller) {
        requireWritable(jurisdictionId, caller);
        Contact current = find(jurisdictionId, contactId);
        contacts.delete(current);
        audit.record("contact.removed", ENTITY, contactId, current.view(), null);
    }

    private Contact find(UUID jurisdictionId, UUID contactId) {
        return contacts.findById(contactId).filter(c -> c.jurisdictionId().equals(jurisdictionId))
                .orElseThrow(() -> Problems.notFound("No contact " + contactId + " at jurisdiction " + jurisdictionId));
    }

    private static boolean readsAll(Caller caller) {
        return caller.seesAllJurisdictions() || caller.has(Roles.SERVICE);
    }

    private static void requireReadable(UUID jurisdictionId, Caller caller) {
        if (!caller.canRead(jurisdictionId) && !caller.has(Roles.SERVICE)) {
            throw Problems.notFound("No jurisdiction " + jurisdictionId);
        }
    }

    private static void requireWritable(UUID jurisdictionId, Caller caller) {
        if (caller.has(Roles.DOJ_OFFICER) || caller.has(Roles.ADMIN)) {
            return;
        }
        boolean bound = caller.has(Roles.JURISDICTION_OFFICIAL) || caller.has(Roles.LEGAL_OFFICER);
        if (!bound || !caller.jurisdictionId().map(jurisdictionId::equals).orElse(false)) {
            throw Problems.notFound("No jurisdiction " + jurisdictionId);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

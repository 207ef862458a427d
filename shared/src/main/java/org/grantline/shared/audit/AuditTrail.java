package org.grantline.shared.audit;

import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.utils.SecurityService;
import jakarta.inject.Singleton;
import org.grantline.shared.web.RequestIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Records state changes in the service's audit table, inside the caller's transaction. */
@Singleton
public class AuditTrail {

    private final AuditEventRepository repository;
    private final SecurityService security;
    private final JsonMapper json;

    public AuditTrail(AuditEventRepository repository, SecurityService security, JsonMapper json) {
        this.repository = repository;
        this.security = security;
        this.json = json;
    }

    /** Records a change made by the current caller (or {@code system} outside a request). */
    public AuditEvent record(String action, String entityType, Object entityId, Object before, Object after) {
        String actor = security.username().orElse("system");
        return recordAs(actor, action, entityType, entityId, before, after);
    }

    public AuditEvent recordAs(String actor, String action, String entityType, Object entityId,
                               Object before, Object after) {
        String requestId = ServerRequestContext.currentRequest().map(RequestIds::of).orElse(null);
        return repository.save(new AuditEvent(UUID.randomUUID(), Instant.now(), actor, action, entityType,
                entityId == null ? null : entityId.toString(), requestId, toJson(before), toJson(after)));
    }

    /** One change among many recorded at once (an import): saved in one batch. */
    public record Change(String action, String entityType, Object entityId, Object before, Object after) {
    }

    public void recordAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        String actor = security.username().orElse("system");
        String requestId = ServerRequestContext.currentRequest().map(RequestIds::of).orElse(null);
        Instant now = Instant.now();
        repository.saveAll(changes.stream().map(c -> new AuditEvent(UUID.randomUUID(), now, actor, c.action(),
                c.entityType(), c.entityId() == null ? null : c.entityId().toString(), requestId, toJson(c.before()),
                toJson(c.after()))).toList());
    }

    public List<AuditEvent> history(String entityType, Object entityId) {
        return repository.findByEntityTypeAndEntityIdOrderByOccurredAt(entityType, entityId.toString());
    }

    private String toJson(Object state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writeValueAsString(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

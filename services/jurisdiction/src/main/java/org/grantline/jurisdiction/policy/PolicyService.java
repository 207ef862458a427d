package org.grantline.jurisdiction.policy;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.jurisdiction.document.DocumentLinks;
import org.grantline.jurisdiction.registry.JurisdictionService;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Cooperation policies: each change is a new version with its effective date, so the history
 * reads back in order and "the policy as of a date" is a query. DOJ officers and admins record
 * any jurisdiction's; officials and legal officers only their own. The documents a version cites are
 * the jurisdiction's own, as the documents service confirms.
 */
@Singleton
public class PolicyService {
    static final String ENTITY = "cooperation_policy";

    private final CooperationPolicyRepository policies;
    private final JurisdictionService jurisdictions;
    private final AuditTrail audit;
    private final DocumentLinks documents;
    private final TransactionOperations<Connection> transactions;

    public PolicyService(CooperationPolicyRepository policies, JurisdictionService jurisdictions, AuditTrail audit,
                         DocumentLinks documents, TransactionOperations<Connection> transactions) {
        this.policies = policies;
        this.jurisdictions = jurisdictions;
        this.audit = audit;
        this.documents = documents;
        this.transactions = transactions;
    }

    /**
     * A new version. The documents it cites are confirmed with the documents service first (outside
     * any transaction: no connection is held while another service answers); then it is recorded.
     */
    public PolicyView record(UUID jurisdictionId, PolicyCommand command, Caller caller) {
        jurisdictions.find(jurisdictionId);
        boolean federal = caller.has(Roles.DOJ_OFFICER) || caller.has(Roles.ADMIN);
        boolean own = caller.jurisdictionId().map(jurisdictionId::equals).orElse(false);
        if (!federal && !own) {
            throw Problems.forbidden("You may record only your own jurisdiction's policy");
        }
        List<UUID> cited = command.documentIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(command.documentIds()));
        if (!cited.isEmpty()) {
            documents.requireOwn(jurisdictionId, cited);
        }
        String documentIds = cited.isEmpty() ? null : cited.stream().map(UUID::toString).collect(Collectors.joining(","));
        return transactions.executeWrite(status -> {
            CooperationPolicy saved = policies.save(new CooperationPolicy(UUID.randomUUID(), jurisdictionId,
                    command.effectiveDate(), command.sanctuary(), command.detainerPolicy(), command.facilityAccess(),
                    command.releaseNotice(), command.section1373(), documentIds, command.notes(), caller.subject(),
                    Instant.now().truncatedTo(ChronoUnit.MICROS)));
            PolicyView view = PolicyView.of(saved);
            audit.record("policy.recorded", ENTITY, saved.id(), null, view);
            return view;
        });
    }

    public List<PolicyView> history(UUID jurisdictionId) {
        jurisdictions.find(jurisdictionId);
        return policies.history(jurisdictionId).stream()
                .map(PolicyView::of).toList();
    }

    public PolicyView inForce(UUID jurisdictionId, LocalDate date) {
        jurisdictions.find(jurisdictionId);
        return policies.inForce(jurisdictionId, date).map(PolicyView::of)
                .orElseThrow(() -> Problems.notFound("No policy of jurisdiction " + jurisdictionId + " in force on " + date));
    }
}

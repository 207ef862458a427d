package org.grantline.grants.certification;

import org.grantline.grants.api.RequirementStatus;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.grants.certification.SubmissionMessages.DecisionCommand;
import org.grantline.grants.certification.SubmissionMessages.SubmissionCommand;
import org.grantline.grants.certification.SubmissionMessages.SubmissionView;
import org.grantline.grants.condition.GrantCondition;
import org.grantline.grants.condition.GrantConditionRepository;
import org.grantline.grants.document.DocumentLinks;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signed certifications. Only a user of the requirement's own jurisdiction holding the role the
 * condition demands signs; the documents must be confirmed by the documents service first, and are
 * locked there for the submission (it is withdrawn otherwise). DOJ accepts, or rejects with a reason,
 * which makes it REJECTED: the jurisdiction answers with a new submission. Deciding twice, even at the same moment, decides once: the other is a 409.
 */
@Singleton
public class SubmissionService {
    static final String ENTITY = "submission";
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionService.class);

    private final RequirementRepository requirements;
    private final SubmissionRepository submissions;
    private final GrantConditionRepository conditions;
    private final DocumentLinks documents;
    private final AuditTrail audit;
    private final TransactionOperations<Connection> transactions;

    public SubmissionService(RequirementRepository requirements, SubmissionRepository submissions,
                             GrantConditionRepository conditions, DocumentLinks documents, AuditTrail audit,
                             TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        this.requirements = requirements;
        this.submissions = submissions;
        this.conditions = conditions;
        this.documents = documents;
        this.audit = audit;
    }

    /**
     * Signs and submits. The documents are confirmed with the documents service before, and locked
     * there after, the local transaction — never during it, so no connection waits on another
     * service. Of several submissions racing for one requirement, one is recorded; the others find the
     * requirement changed (409). If the documents then cannot be locked, the submission is withdrawn
     * again (audited) and the answer is 503: nothing stays submitted on documents that could still change.
     */
    public SubmissionView submit(UUID requirementId, SubmissionCommand command, Caller caller, String clientIp, String forwardedFor) {
        Requirement requirement = submittable(requirementId, caller);
        List<UUID> documentIds = List.copyOf(new LinkedHashSet<>(command.documentIds()));
        documents.requireAll(documentIds, requirement.jurisdictionId());
        SubmissionView view = transactions.executeWrite(status -> {
            Requirement current = submittable(requirementId, caller);
            Instant now = now();
            Submission saved = submissions.save(new Submission(UUID.randomUUID(), requirementId, caller.subject(),
                    command.signerName().strip(), command.signerTitle().strip(), command.attestation().strip(),
                    documentIds.stream().map(UUID::toString).collect(Collectors.joining(",")), clientIp, forwardedFor,
                    now, null, null, null, null, null));
            requirements.update(with(current, RequirementStatus.SUBMITTED, current.rejectionReason(), now));
            SubmissionView made = SubmissionView.of(saved);
            audit.record("submission.made", ENTITY, saved.id(), null, made);
            return made;
        });
        try {
            documents.lockAll(view.id(), requirement.jurisdictionId(), documentIds);
        } catch (RuntimeException e) {
            withdraw(view.id(), "the documents service could not lock the documents");
            throw e;
        }
        return view;
    }

    /** The requirement, if the caller may sign it and it is open; else 404, 403 or 409. */
    private Requirement submittable(UUID requirementId, Caller caller) {
        Requirement requirement = requirements.findById(requirementId)
                .filter(r -> caller.jurisdictionId().map(r.jurisdictionId()::equals).orElse(false))
                .orElseThrow(() -> Problems.notFound("No requirement " + requirementId));
        GrantCondition condition = conditions.findById(requirement.conditionId()).orElseThrow();
        if (condition.signerRole() == null || !caller.has(condition.signerRole().name())) {
            throw Problems.forbidden("This certification must be signed by the jurisdiction's "
                    + (condition.signerRole() == null ? "designated signer" : condition.signerRole()));
        }
        if (!requirement.status().awaitsJurisdiction()) {
            throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Conflict",
                    "The requirement is " + requirement.status() + "; only an open or rejected requirement takes a submission",
                    Map.of("currentStatus", requirement.status()));
        }
        return requirement;
    }

    /** Compensation: takes back a submission the documents could not be locked for, and reopens its requirement. */
    private void withdraw(UUID submissionId, String reason) {
        try {
            transactions.executeWrite(status -> {
                Submission submission = submissions.findById(submissionId).orElse(null);
                if (submission == null || submission.decision() != null) {
                    LOG.error("Submission {} could not be withdrawn after its documents failed to lock: {}", submissionId,
                            submission == null ? "it is gone" : "it was decided meanwhile");
                    return null;
                }
                Requirement requirement = requirements.findById(submission.requirementId()).orElseThrow();
                submissions.delete(submission);
                requirements.update(with(requirement, requirement.rejectionReason() == null ? RequirementStatus.OPEN
                        : RequirementStatus.REJECTED, requirement.rejectionReason(), now()));
                audit.record("submission.withdrawn", ENTITY, submissionId, SubmissionView.of(submission), Map.of("reason", reason));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("Submission {} could not be withdrawn after its documents failed to lock", submissionId, e);
        }
    }

    public List<SubmissionView> forRequirement(UUID requirementId, Caller caller) {
        requirements.findById(requirementId)
                .filter(r -> caller.seesAllJurisdictions() || caller.jurisdictionId().map(r.jurisdictionId()::equals).orElse(false))
                .orElseThrow(() -> Problems.notFound("No requirement " + requirementId));
        return submissions.findByRequirementIdOrderBySubmittedAt(requirementId).stream().map(SubmissionView::of).toList();
    }

    @Transactional
    public SubmissionView decide(UUID submissionId, DecisionCommand command, Caller caller) {
        Submission submission = submissions.findById(submissionId)
                .orElseThrow(() -> Problems.notFound("No submission " + submissionId));
        Requirement requirement = requirements.findById(submission.requirementId()).orElseThrow();
        if (submission.decision() != null || requirement.status() != RequirementStatus.SUBMITTED) {
            throw new ProblemException(HttpStatus.CONFLICT, "already-decided", "Conflict",
                    "This submission was already decided, or the requirement is " + requirement.status(),
                    Map.of("currentStatus", requirement.status()));
        }
        boolean reject = command.decision() == Submission.Decision.REJECTED;
        if (reject && (command.reason() == null || command.reason().isBlank())) {
            throw Problems.invalid("reason", "a rejection gives its reason");
        }
        Instant now = now();
        Submission decided = submissions.update(new Submission(submission.id(), submission.requirementId(),
                submission.signerUsername(), submission.signerName(), submission.signerTitle(), submission.attestation(),
                submission.documentIds(), submission.clientIp(), submission.forwardedFor(), submission.submittedAt(),
                command.decision(), command.reason(), caller.subject(), now, submission.version()));
        requirements.update(with(requirement, reject ? RequirementStatus.REJECTED : RequirementStatus.ACCEPTED,
                reject ? command.reason().strip() : null, now));
        SubmissionView view = SubmissionView.of(decided);
        audit.record(reject ? "submission.rejected" : "submission.accepted", ENTITY, submissionId,
                SubmissionView.of(submission), view);
        return view;
    }

    private static Requirement with(Requirement r, RequirementStatus status, String rejectionReason, Instant now) {
        return new Requirement(r.id(), r.awardId(), r.conditionId(), r.jurisdictionId(), r.jurisdictionState(), r.timeZone(),
                r.deadlineDate(),
                r.deadlineTime(), r.deadlineAt(), status, rejectionReason, r.waiverReason(), r.periodStart(), r.createdAt(), now, r.version());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

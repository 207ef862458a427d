package org.grantline.grants.certification;

import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.grants.certification.SubmissionMessages.DecisionCommand;
import org.grantline.grants.certification.SubmissionMessages.SubmissionCommand;
import org.grantline.grants.certification.SubmissionMessages.SubmissionView;
import org.grantline.grants.condition.GrantCondition;
import org.grantline.grants.condition.GrantConditionRepository;
import org.grantline.grants.document.DocumentDirectory;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;

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
 * locked there for the submission (nothing is written otherwise). DOJ accepts, or rejects with a reason, which reopens it.
 */
@Singleton
public class SubmissionService {
    static final String ENTITY = "submission";

    private final RequirementRepository requirements;
    private final SubmissionRepository submissions;
    private final GrantConditionRepository conditions;
    private final DocumentDirectory documents;
    private final AuditTrail audit;

    public SubmissionService(RequirementRepository requirements, SubmissionRepository submissions,
                             GrantConditionRepository conditions, DocumentDirectory documents, AuditTrail audit) {
        this.requirements = requirements;
        this.submissions = submissions;
        this.conditions = conditions;
        this.documents = documents;
        this.audit = audit;
    }

    @Transactional
    public SubmissionView submit(UUID requirementId, SubmissionCommand command, Caller caller, String authorization,
                                 String clientIp, String forwardedFor) {
        Requirement requirement = requirements.findById(requirementId)
                .filter(r -> caller.jurisdictionId().map(r.jurisdictionId()::equals).orElse(false))
                .orElseThrow(() -> Problems.notFound("No requirement " + requirementId));
        GrantCondition condition = conditions.findById(requirement.conditionId()).orElseThrow();
        if (condition.signerRole() == null || !caller.has(condition.signerRole().name())) {
            throw Problems.forbidden("This certification must be signed by the jurisdiction's "
                    + (condition.signerRole() == null ? "designated signer" : condition.signerRole()));
        }
        if (requirement.status() != RequirementStatus.OPEN) {
            throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Conflict",
                    "The requirement is " + requirement.status() + "; only an open requirement takes a submission",
                    Map.of("currentStatus", requirement.status()));
        }
        List<UUID> documentIds = List.copyOf(new LinkedHashSet<>(command.documentIds()));
        documents.requireAll(documentIds, requirement.jurisdictionId(), authorization);
        Instant now = now();
        Submission saved = submissions.save(new Submission(UUID.randomUUID(), requirementId, caller.subject(),
                command.signerName().strip(), command.signerTitle().strip(), command.attestation().strip(),
                documentIds.stream().map(UUID::toString).collect(Collectors.joining(",")), clientIp, forwardedFor,
                now, null, null, null, null, null));
        requirements.update(with(requirement, RequirementStatus.SUBMITTED, requirement.rejectionReason(), now));
        // Last, inside this transaction: if the documents cannot be locked, nothing here is kept (503).
        documents.lockAll(saved.id(), requirement.jurisdictionId(), documentIds);
        SubmissionView view = SubmissionView.of(saved);
        audit.record("submission.made", ENTITY, saved.id(), null, view);
        return view;
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
        requirements.update(with(requirement, reject ? RequirementStatus.OPEN : RequirementStatus.ACCEPTED,
                reject ? command.reason().strip() : null, now));
        SubmissionView view = SubmissionView.of(decided);
        audit.record(reject ? "submission.rejected" : "submission.accepted", ENTITY, submissionId,
                SubmissionView.of(submission), view);
        return view;
    }

    private static Requirement with(Requirement r, RequirementStatus status, String rejectionReason, Instant now) {
        return new Requirement(r.id(), r.awardId(), r.conditionId(), r.jurisdictionId(), r.jurisdictionState(), r.timeZone(),
                r.deadlineDate(),
                r.deadlineTime(), r.deadlineAt(), status, rejectionReason, r.waiverReason(), r.createdAt(), now, r.version());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

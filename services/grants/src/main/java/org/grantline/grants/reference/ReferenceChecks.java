package org.grantline.grants.reference;

import jakarta.inject.Singleton;
import org.grantline.grants.award.Award;
import org.grantline.grants.award.AwardRepository;
import org.grantline.grants.certification.Requirement;
import org.grantline.grants.certification.RequirementRepository;
import org.grantline.grants.certification.Submission;
import org.grantline.grants.certification.SubmissionRepository;
import org.grantline.grants.api.ReferenceMessages.ReferenceAnswer;
import org.grantline.grants.api.ReferenceMessages.ReferenceCheck;
import org.grantline.grants.api.ReferenceMessages.ReferenceResult;
import org.grantline.grants.api.ReferenceMessages.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Whether an award, requirement and submission are a jurisdiction's own and belong together. */
@Singleton
public class ReferenceChecks {
    private final AwardRepository awards;
    private final RequirementRepository requirements;
    private final SubmissionRepository submissions;

    public ReferenceChecks(AwardRepository awards, RequirementRepository requirements, SubmissionRepository submissions) {
        this.awards = awards;
        this.requirements = requirements;
        this.submissions = submissions;
    }

    public ReferenceAnswer check(ReferenceCheck check) {
        UUID jurisdiction = check.jurisdictionId();
        List<ReferenceResult> results = new ArrayList<>();
        if (check.awardId() != null) {
            Status status = awards.findById(check.awardId()).map(Award::jurisdictionId)
                    .map(owner -> owner.equals(jurisdiction) ? Status.OK : Status.FOREIGN).orElse(Status.MISSING);
            results.add(new ReferenceResult("awardId", check.awardId(), status));
        }
        Requirement requirement = check.requirementId() == null ? null : requirements.findById(check.requirementId()).orElse(null);
        if (check.requirementId() != null) {
            results.add(new ReferenceResult("requirementId", check.requirementId(), requirement == null ? Status.MISSING
                    : !requirement.jurisdictionId().equals(jurisdiction) ? Status.FOREIGN
                    : check.awardId() != null && !requirement.awardId().equals(check.awardId()) ? Status.MISMATCH : Status.OK));
        }
        if (check.submissionId() != null) {
            Submission submission = submissions.findById(check.submissionId()).orElse(null);
            Requirement of = submission == null ? null : requirements.findById(submission.requirementId()).orElse(null);
            Status status;
            if (of == null) {
                status = Status.MISSING;
            } else if (!of.jurisdictionId().equals(jurisdiction)) {
                status = Status.FOREIGN;
            } else if (check.requirementId() != null && !of.id().equals(check.requirementId())
                    || check.awardId() != null && !of.awardId().equals(check.awardId())) {
                status = Status.MISMATCH;
            } else {
                status = Status.OK;
            }
            results.add(new ReferenceResult("submissionId", check.submissionId(), status));
        }
        return new ReferenceAnswer(results);
    }
}

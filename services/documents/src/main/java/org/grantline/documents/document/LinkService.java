package org.grantline.documents.document;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.documents.api.CheckStatus;
import org.grantline.documents.api.LinkMessages;
import org.grantline.documents.api.LinkMessages.CheckAnswer;
import org.grantline.documents.api.LinkMessages.CheckResult;
import org.grantline.documents.api.LinkMessages.LockAnswer;
import org.grantline.documents.api.LinkMessages.LockView;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The grants link: check documents for a jurisdiction, and lock what a submitted certification rests on. */
@Singleton
public class LinkService {
    private final DocumentRepository documents;
    private final DocumentVersionRepository versions;
    private final DocumentLockRepository locks;
    private final AuditTrail audit;

    public LinkService(DocumentRepository documents, DocumentVersionRepository versions, DocumentLockRepository locks,
                       AuditTrail audit) {
        this.documents = documents;
        this.versions = versions;
        this.locks = locks;
        this.audit = audit;
    }

    public CheckAnswer check(UUID jurisdictionId, List<UUID> ids) {
        List<CheckResult> results = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(ids)) {
            results.add(documents.findById(id).filter(d -> !d.isDeleted()).map(d -> {
                if (!jurisdictionId.equals(d.jurisdictionId())) {
                    return new CheckResult(id, CheckStatus.FOREIGN, null);
                }
                if (d.currentVersion() == 0) {
                    return new CheckResult(id, CheckStatus.MISSING, null);
                }
                boolean corrupt = versions.findByDocumentIdAndNumber(id, d.currentVersion())
                        .map(v -> v.corruptAt() != null).orElse(true);
                return new CheckResult(id, corrupt ? CheckStatus.CORRUPT : CheckStatus.OK, d.currentVersion());
            }).orElse(new CheckResult(id, CheckStatus.MISSING, null)));
        }
        return new CheckAnswer(results.stream().allMatch(r -> r.status() == CheckStatus.OK), results);
    }

    @Transactional
    public LockAnswer lock(LinkMessages.LockCommand command, Caller caller) {
        List<LockView> views = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(command.documentIds())) {
            var existing = locks.findByDocumentIdAndSubmissionId(id, command.submissionId());
            if (existing.isPresent()) {
                DocumentLock l = existing.get();
                views.add(new LockView(id, l.versionNumber(), l.submissionId(), l.lockedAt()));
                continue;
            }
            Document document = documents.findByIdForUpdate(id).filter(d -> !d.isDeleted()).orElse(null);
            if (document == null || document.currentVersion() == 0) {
                throw Problems.invalid("documentIds", "document " + id + " does not exist");
            }
            if (!command.jurisdictionId().equals(document.jurisdictionId())) {
                throw Problems.invalid("documentIds", "document " + id + " does not belong to the jurisdiction");
            }
            DocumentLock lock = locks.save(new DocumentLock(UUID.randomUUID(), id, document.currentVersion(),
                    command.submissionId(), caller.subject(), DocumentService.now()));
            audit.record("document.locked", DocumentService.ENTITY, id, null,
                    Map.of("version", lock.versionNumber(), "submissionId", lock.submissionId().toString()));
            views.add(new LockView(id, lock.versionNumber(), lock.submissionId(), lock.lockedAt()));
        }
        return new LockAnswer(command.submissionId(), views);
    }
}

package org.grantline.documents.document;

import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The records: documents, versions, locks, soft deletion and corruption marks, each change in one
 * transaction with its audit event. Bytes are already stored (under their final key) when a
 * version is recorded, so no row ever points at nothing.
 */
@Singleton
public class DocumentService {
    static final String ENTITY = "document";
    /** Incidents (bytes that no longer match their hash) go to their own logger, for alerting. */
    private static final Logger INCIDENTS = LoggerFactory.getLogger("org.grantline.documents.incident");

    private final DocumentRepository documents;
    private final DocumentVersionRepository versions;
    private final DocumentLockRepository locks;
    private final AuditTrail audit;

    public DocumentService(DocumentRepository documents, DocumentVersionRepository versions, DocumentLockRepository locks,
                           AuditTrail audit) {
        this.documents = documents;
        this.versions = versions;
        this.locks = locks;
        this.audit = audit;
    }

    /** What an upload says about the document, besides its bytes. */
    public record NewDocument(DocumentKind kind, String title, UUID jurisdictionId, UUID awardId, UUID requirementId,
                              UUID submissionId) {
    }

    /** Bytes that are stored under {@code storageKey} and checked. */
    public record StoredFile(String storageKey, String filename, String contentType, long size, String sha256) {
    }

    @Transactional
    public DocumentView create(NewDocument command, StoredFile file, Caller caller) {
        Instant now = now();
        Document document = documents.save(new Document(UUID.randomUUID(), command.jurisdictionId(), command.kind().name(),
                command.title(), command.awardId(), command.requirementId(), command.submissionId(), caller.subject(), now,
                1, now, null, null));
        DocumentVersion version = versions.save(version(document.id(), 1, file, caller, now));
        DocumentView view = DocumentView.of(document, DocumentView.VersionView.of(version, false));
        audit.record("document.uploaded", ENTITY, document.id(), null, view);
        return view;
    }

    @Transactional
    public DocumentView addVersion(UUID documentId, StoredFile file, Caller caller) {
        Document document = documents.findByIdForUpdate(documentId).filter(d -> DocumentAccess.canRead(caller, d))
                .orElseThrow(() -> Problems.notFound("No document " + documentId));
        DocumentAccess.requireMayChange(caller, document);
        requireCurrentUnlocked(document);
        Instant now = now();
        int number = document.currentVersion() + 1;
        DocumentVersion version = versions.save(version(documentId, number, file, caller, now));
        Document updated = documents.update(document.withCurrentVersion(number, now));
        DocumentView view = DocumentView.of(updated, DocumentView.VersionView.of(version, false));
        audit.record("document.version-added", ENTITY, documentId, DocumentView.of(document), view);
        return view;
    }

    /** Checked before an upload's body is read, and again in {@link #addVersion}. */
    public Document requireChangeable(UUID documentId, Caller caller) {
        Document document = visible(documentId, caller);
        DocumentAccess.requireMayChange(caller, document);
        requireCurrentUnlocked(document);
        return document;
    }

    private void requireCurrentUnlocked(Document document) {
        if (document.currentVersion() > 0 && locks.existsByDocumentIdAndVersionNumber(document.id(), document.currentVersion())) {
            throw new ProblemException(HttpStatus.CONFLICT, "document-locked", "Conflict",
                    "Version " + document.currentVersion() + " is what a submitted certification rests on; it cannot be replaced",
                    Map.of("lockedVersion", document.currentVersion()));
        }
    }

    @Transactional
    public void delete(UUID documentId, Caller caller) {
        Document document = documents.findByIdForUpdate(documentId).filter(d -> DocumentAccess.canRead(caller, d))
                .orElseThrow(() -> Problems.notFound("No document " + documentId));
        DocumentAccess.requireMayChange(caller, document);
        if (locks.existsByDocumentId(documentId)) {
            throw Problems.conflict("document-locked",
                    "A submitted certification rests on this document; it cannot be deleted");
        }
        Document deleted = documents.update(document.deleted(caller.subject(), now()));
        audit.record("document.deleted", ENTITY, documentId, DocumentView.of(document), DocumentView.of(deleted));
    }

    public Document visible(UUID documentId, Caller caller) {
        return documents.findById(documentId).filter(d -> DocumentAccess.canRead(caller, d))
                .orElseThrow(() -> Problems.notFound("No document " + documentId));
    }

    public DocumentView view(UUID documentId, Caller caller) {
        Document document = visible(documentId, caller);
        return DocumentView.of(document, document.currentVersion() == 0 ? null
                : versions.findByDocumentIdAndNumber(documentId, document.currentVersion())
                .map(v -> DocumentView.VersionView.of(v, locks.existsByDocumentIdAndVersionNumber(documentId, v.number())))
                .orElse(null));
    }

    public List<DocumentView.VersionView> versions(UUID documentId, Caller caller) {
        visible(documentId, caller);
        List<DocumentLock> held = locks.findByDocumentId(documentId);
        return versions.findByDocumentIdOrderByNumber(documentId).stream()
                .map(v -> DocumentView.VersionView.of(v, held.stream().anyMatch(l -> l.versionNumber() == v.number())))
                .toList();
    }

    /** A version the caller may read (0: the current one). */
    public DocumentVersion version(UUID documentId, int number, Caller caller) {
        Document document = visible(documentId, caller);
        int wanted = number == 0 ? document.currentVersion() : number;
        return versions.findByDocumentIdAndNumber(documentId, wanted)
                .orElseThrow(() -> Problems.notFound("Document " + documentId + " has no version " + (number == 0 ? "yet" : number)));
    }

    /** Marks a version's bytes as corrupt (once), audits it and logs the incident. */
    @Transactional
    public void markCorrupt(DocumentVersion version, String reason) {
        DocumentVersion current = versions.findById(version.id()).orElse(version);
        INCIDENTS.error("INCIDENT document-corrupt: document {} version {} (key {}): {}", version.documentId(),
                version.number(), version.storageKey(), reason);
        if (current.corruptAt() != null) {
            return;
        }
        DocumentVersion marked = versions.update(current.markedCorrupt(now()));
        audit.record("document.corrupt", ENTITY, version.documentId(),
                Map.of("version", version.number(), "sha256", version.sha256()),
                Map.of("version", version.number(), "corruptAt", marked.corruptAt().toString(), "reason", reason));
    }

    private static DocumentVersion version(UUID documentId, int number, StoredFile file, Caller caller, Instant now) {
        return new DocumentVersion(UUID.randomUUID(), documentId, number, file.storageKey(), file.filename(),
                file.contentType(), file.size(), file.sha256(), caller.subject(), now, null);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

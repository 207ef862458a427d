package org.grantline.documents.document;

import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.util.UUID;

/**
 * Who may do what. Officials and legal officers read and file their own jurisdiction's documents;
 * DOJ officers read all and file DOJ letters and court orders (for any jurisdiction or none);
 * auditors, admins and GrantLine services read all; nobody else sees a document (404, nothing leaked).
 */
public final class DocumentAccess {
    private DocumentAccess() {
    }

    public static boolean canRead(Caller caller, Document document) {
        if (document.isDeleted()) {
            return false;
        }
        return caller.seesAllJurisdictions() || caller.has(Roles.SERVICE)
                || (document.jurisdictionId() != null && caller.jurisdictionId().map(document.jurisdictionId()::equals).orElse(false));
    }

    private static boolean isJurisdictionUser(Caller caller) {
        return (caller.has(Roles.JURISDICTION_OFFICIAL) || caller.has(Roles.LEGAL_OFFICER)) && caller.jurisdictionId().isPresent();
    }

    /** Refuses (403) a new document of this kind for this jurisdiction by this caller. */
    public static void requireMayFile(Caller caller, DocumentKind kind, UUID jurisdictionId) {
        if (caller.has(Roles.DOJ_OFFICER)) {
            if (!DocumentKind.DOJ_KINDS.contains(kind)) {
                throw Problems.forbidden("DOJ officers file DOJ letters and court orders; " + kind + " is the jurisdiction's to file");
            }
            return;
        }
        if (isJurisdictionUser(caller)) {
            if (!DocumentKind.JURISDICTION_KINDS.contains(kind)) {
                throw Problems.forbidden("Only DOJ files " + kind);
            }
            if (jurisdictionId == null || !jurisdictionId.equals(caller.jurisdictionId().get())) {
                throw Problems.forbidden("You file documents for your own jurisdiction only");
            }
            return;
        }
        throw Problems.forbidden("Your role does not file documents");
    }

    /** Whether the caller may file at all (checked before reading an upload's body). */
    public static void requireMayUpload(Caller caller) {
        if (!caller.has(Roles.DOJ_OFFICER) && !isJurisdictionUser(caller)) {
            throw Problems.forbidden("Your role does not file documents");
        }
    }

    /** New versions and deletion: who could file it may change it; someone who can only read it gets 403. */
    public static void requireMayChange(Caller caller, Document document) {
        if (!canRead(caller, document)) {
            throw Problems.notFound("No document " + document.id());
        }
        requireMayFile(caller, DocumentKind.valueOf(document.kind()), document.jurisdictionId() == null
                ? caller.jurisdictionId().orElse(null) : document.jurisdictionId());
        if (isJurisdictionUser(caller) && document.jurisdictionId() == null) {
            throw Problems.forbidden("Only DOJ changes DOJ's own documents");
        }
    }
}

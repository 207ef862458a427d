package org.grantline.documents.document;

import java.util.Set;

/** What a document is. Jurisdictions file the first four; DOJ sends letters and cites court orders. */
public enum DocumentKind {
    CERTIFICATION, LEGAL_OPINION, POLICY, OTHER, DOJ_LETTER, COURT_ORDER;

    public static final Set<DocumentKind> JURISDICTION_KINDS = Set.of(CERTIFICATION, LEGAL_OPINION, POLICY, OTHER);
    public static final Set<DocumentKind> DOJ_KINDS = Set.of(DOJ_LETTER, COURT_ORDER);
}

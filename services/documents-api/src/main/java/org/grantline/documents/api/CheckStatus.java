package org.grantline.documents.api;

/** What the documents service found for one document it was asked about. */
public enum CheckStatus {
    /** There, with intact bytes, the jurisdiction's own. */
    OK,
    /** Unknown, deleted, or without bytes yet. */
    MISSING,
    /** Another jurisdiction's. */
    FOREIGN,
    /** Its current version failed the integrity check. */
    CORRUPT
}

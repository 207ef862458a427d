package org.grantline.documents.document;

/**
 * A response body: a stored version's bytes, whole or a range of them, read from the store as the
 * client takes them ({@link DocumentBytesWriter}). A whole version is hashed again on its way out.
 */
public record DocumentBytes(DocumentVersion version, long offset, long length) {

    public boolean whole() {
        return offset == 0 && length == version.sizeBytes();
    }
}

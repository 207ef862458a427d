package org.grantline.grants.document;

import io.micronaut.http.client.annotation.Client;
import org.grantline.documents.api.DocumentLinkOperations;

/** The documents service's link (documents-api), called as this service itself: shared's {@code ServiceTokenClientFilter} attaches its token. */
@Client(id = "documents")
public interface DocumentsClient extends DocumentLinkOperations {
}

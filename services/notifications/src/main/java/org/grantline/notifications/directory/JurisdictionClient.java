package org.grantline.notifications.directory;

import io.micronaut.http.client.annotation.Client;
import org.grantline.jurisdiction.api.ContactOperations;
import org.grantline.jurisdiction.api.JurisdictionOperations;

/**
 * The jurisdiction registry and its contacts (jurisdiction-api), read as this service itself (services
 * may read private contacts): shared's {@code ServiceTokenClientFilter} attaches its token.
 */
@Client(id = "jurisdiction", path = JurisdictionOperations.BASE)
public interface JurisdictionClient extends JurisdictionOperations, ContactOperations {
}

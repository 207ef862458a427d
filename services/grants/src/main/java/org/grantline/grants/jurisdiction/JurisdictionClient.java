package org.grantline.grants.jurisdiction;

import io.micronaut.http.client.annotation.Client;
import org.grantline.jurisdiction.api.ContactOperations;
import org.grantline.jurisdiction.api.JurisdictionOperations;

/**
 * The jurisdiction registry (jurisdiction-api). Called within a user's request, it carries that user's
 * token (token propagation for service id {@code jurisdiction}, in application.yml), so the registry
 * answers what that user may see; called from a scheduled job, shared's {@code ServiceTokenClientFilter}
 * attaches this service's own token.
 */
@Client(id = "jurisdiction", path = JurisdictionOperations.BASE)
public interface JurisdictionClient extends JurisdictionOperations, ContactOperations {
}

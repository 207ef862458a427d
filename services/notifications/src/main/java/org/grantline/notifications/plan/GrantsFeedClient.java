package org.grantline.notifications.plan;

import io.micronaut.http.client.annotation.Client;
import org.grantline.grants.api.GrantsFeedOperations;

/**
 * Grants' deadline feed as this service reads it, with its own token (shared's
 * {@code ServiceTokenClientFilter}): the contract and its records are grants-api's.
 */
@Client(id = "grants")
public interface GrantsFeedClient extends GrantsFeedOperations {
}

package org.grantline.notifications.plan;

import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Singleton;
import org.grantline.grants.api.AwardOperations;
import org.grantline.grants.api.ConditionOperations;
import org.grantline.grants.api.ProgramOperations;

/**
 * The names a reminder shows, where the feed does not carry them (program names, condition titles;
 * an award the feed does not name): grants' public reads through its contracts (grants-api), with this
 * service's own token (the client-credentials filter).
 */
@Singleton
public record GrantsNames(Awards awards, Programs programs, Conditions conditions) {

    @Client(id = "grants", path = AwardOperations.BASE)
    public interface Awards extends AwardOperations {
    }

    @Client(id = "grants", path = ProgramOperations.BASE)
    public interface Programs extends ProgramOperations {
    }

    @Client(id = "grants", path = ConditionOperations.BASE)
    public interface Conditions extends ConditionOperations {
    }
}

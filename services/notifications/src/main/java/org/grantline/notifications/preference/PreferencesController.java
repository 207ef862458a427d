package org.grantline.notifications.preference;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.grantline.notifications.owner.Owners;
import org.grantline.notifications.preference.NotificationPreference.SubjectType;
import org.grantline.notifications.preference.NotificationPreferences.PreferencesCommand;
import org.grantline.notifications.preference.NotificationPreferences.PreferencesView;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

/**
 * The signed-in person's notice choices: which kinds reach their inbox and the address the gateway
 * holds for them, and the hour of their daily digest. Auditors read them; their writes are refused
 * (403) before this controller is asked, as every write of this service.
 */
@Controller("/api/notifications/preferences/me")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Notification preferences")
public class PreferencesController {
    private final NotificationPreferences preferences;
    private final Owners owners;

    public PreferencesController(NotificationPreferences preferences, Owners owners) {
        this.preferences = preferences;
        this.owners = owners;
    }

    @Get
    @Operation(summary = "The caller's notice choices and digest hour")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public PreferencesView get(Authentication authentication) {
        return preferences.view(SubjectType.USER, person(authentication).subject());
    }

    @Put
    @Operation(summary = "Replaces the caller's notice choices and digest hour")
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @ProblemResponses.ServiceUnavailable
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public PreferencesView put(Authentication authentication, @Body @Valid PreferencesCommand command) {
        Caller caller = person(authentication);
        String email;
        try {
            email = owners.current(caller.subject()).map(Owners.Owner::email).orElse(null);
        } catch (Owners.OwnerUnavailable e) {
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "owner-unavailable", "Preferences unavailable",
                    "Your email address cannot be read from the gateway now; try again later");
        }
        return preferences.replace(SubjectType.USER, caller.subject(), email, command, caller.subject());
    }

    private static Caller person(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (caller.has(Roles.SERVICE)) {
            throw Problems.forbidden("Notice choices are for people");
        }
        return caller;
    }
}

package org.grantline.gateway.mfa;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import org.grantline.gateway.web.ClientAddresses;
import org.grantline.gateway.user.AppUser;
import org.grantline.gateway.user.AppUserRepository;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Roles;

import java.util.UUID;

/**
 * A person's own second factor: see it, set up an authenticator (key, otpauth:// URI, QR code),
 * confirm it with a code and get ten recovery codes. Every person may secure their own account,
 * auditors included (as with the password); an administrator resets someone else's.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
public class SecondFactorController {
    private final SecondFactorService secondFactor;
    private final AppUserRepository users;
    private final ClientAddresses addresses;

    public SecondFactorController(SecondFactorService secondFactor, AppUserRepository users, ClientAddresses addresses) {
        this.addresses = addresses;
        this.secondFactor = secondFactor;
        this.users = users;
    }

    @Get("/api/me/second-factor")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @io.swagger.v3.oas.annotations.Operation(summary = "Your second factor: whether one is set up and required")
    public SecondFactorMessages.Status status(Authentication caller) {
        return secondFactor.status(person(caller));
    }

    @Post("/api/me/second-factor/enrolment")
    @ProblemResponses.Conflict
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @io.swagger.v3.oas.annotations.Operation(summary = "Start setting up an authenticator app (key, otpauth URI, QR code)")
    public SecondFactorMessages.Enrolment startEnrolment(Authentication caller) {
        return secondFactor.startEnrolment(person(caller));
    }

    @Post("/api/me/second-factor/enrolment/confirm")
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @io.swagger.v3.oas.annotations.Operation(summary = "Confirm the authenticator with a code; answers the recovery codes once")
    public SecondFactorMessages.RecoveryCodes confirm(@Body @Valid SecondFactorMessages.Code code, Authentication caller,
                                                      HttpRequest<?> http) {
        return new SecondFactorMessages.RecoveryCodes(
                secondFactor.confirmEnrolment(person(caller), code.code(), addresses.resolve(http)));
    }

    /** Lost authenticator: the factor and recovery codes go, the user's sessions end and the user is emailed (audited). */
    @Post("/api/users/{id}/second-factor/reset")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured(Roles.ADMIN)
    public SecondFactorMessages.Reset reset(UUID id, Authentication caller) {
        return secondFactor.reset(id, caller.getName());
    }

    private AppUser person(Authentication caller) {
        if (caller.getRoles().contains(Roles.SERVICE)) {
            throw Problems.forbidden("A service has no second factor");
        }
        return users.findByUsername(caller.getName()).orElseThrow(() -> Problems.forbidden("Not a person's account"));
    }
}

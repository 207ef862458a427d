package org.grantline.gateway.passkey;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.grantline.gateway.web.ClientAddresses;
import org.grantline.gateway.auth.LoginService;
import org.grantline.gateway.auth.SignInThrottle;
import org.grantline.gateway.auth.TokenMessages;
import org.grantline.gateway.user.AppUser;
import org.grantline.gateway.user.AppUserRepository;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Passkeys: a person's own (list, register, remove) and signing in with one. The API sign-in answers
 * tokens as {@code POST /login} does; the web app signs in at {@code POST /web/session/passkey}
 * (the refresh token in its cookie). Sign-in ceremonies are throttled like {@code /login}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Passkeys")
public class PasskeyController {
    private final PasskeyService passkeys;
    private final AppUserRepository users;
    private final LoginService logins;
    private final SignInThrottle throttle;
    private final ClientAddresses addresses;

    public PasskeyController(PasskeyService passkeys, AppUserRepository users, LoginService logins, SignInThrottle throttle,
                             ClientAddresses addresses) {
        this.addresses = addresses;
        this.passkeys = passkeys;
        this.users = users;
        this.logins = logins;
        this.throttle = throttle;
    }

    @Get("/api/me/passkeys")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "Your passkeys (names and when they were made and last used; never the keys)")
    @ProblemResponses.Authenticated
    public List<PasskeyMessages.PasskeyView> mine(Authentication caller) {
        return passkeys.list(person(caller));
    }

    @Post("/api/me/passkeys/registration")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "Starts registering a passkey: the options for navigator.credentials.create (single-use challenge, 5 minutes)")
    @ProblemResponses.Authenticated
    public PasskeyMessages.RegistrationOptions registration(Authentication caller) {
        return passkeys.registrationOptions(person(caller));
    }

    @Post("/api/me/passkeys")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Registers the passkey the authenticator made for the challenge")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.Authenticated
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    public HttpResponse<PasskeyMessages.PasskeyView> register(@Body @Valid PasskeyMessages.Registration registration, Authentication caller) {
        PasskeyMessages.PasskeyView view = passkeys.register(person(caller), registration);
        return HttpResponse.created(view, URI.create("/api/me/passkeys/" + view.id()));
    }

    @Delete("/api/me/passkeys/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "Removes one of your passkeys")
    @NoContent
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.Authenticated
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    public void remove(UUID id, Authentication caller) {
        passkeys.remove(person(caller), id);
    }

    @Post("/login/passkey/options")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Starts signing in with a passkey: the options for navigator.credentials.get (single-use challenge, 5 minutes)")
    @ProblemResponses.TooManyRequests
    public PasskeyMessages.SignInOptions signInOptions(HttpRequest<?> http) {
        throttle.check(addresses.resolve(http), null);
        return passkeys.signInOptions();
    }

    @Post("/login/passkey")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Signs in with a passkey (no password, no code: the passkey with its user verification is both factors)")
    @ProblemResponses.BadRequest
    @ProblemResponses.Unauthorized
    @ProblemResponses.TooManyRequests
    public TokenMessages.TokenResponse signIn(@Body @Valid PasskeyMessages.SignIn signIn, HttpRequest<?> http) {
        String address = addresses.resolve(http);
        throttle.check(address, null);
        return logins.signedIn(passkeys.signIn(signIn, address));
    }

    private AppUser person(Authentication caller) {
        if (caller.getRoles().contains(Roles.SERVICE)) {
            throw Problems.forbidden("A service has no passkeys");
        }
        return users.findByUsername(caller.getName()).orElseThrow(() -> Problems.forbidden("Not a person's account"));
    }
}

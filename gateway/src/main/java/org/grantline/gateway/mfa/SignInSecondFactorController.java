package org.grantline.gateway.mfa;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import org.grantline.gateway.web.ClientAddresses;
import org.grantline.gateway.auth.LoginService;
import org.grantline.gateway.auth.SignInThrottle;
import org.grantline.shared.openapi.ProblemResponses;

/**
 * The second step of {@code POST /login} for API clients: the {@code challenge} from its 401 and a
 * code answer the tokens; a user who must enrol first gets their authenticator key from
 * {@code /login/second-factor/enrolment}. Throttled like sign-in.
 */
@Controller("/login/second-factor")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignInSecondFactorController {
    private final SecondFactorService secondFactor;
    private final LoginService logins;
    private final SignInThrottle throttle;
    private final ClientAddresses addresses;

    public SignInSecondFactorController(SecondFactorService secondFactor, LoginService logins, SignInThrottle throttle,
                                        ClientAddresses addresses) {
        this.addresses = addresses;
        this.secondFactor = secondFactor;
        this.logins = logins;
        this.throttle = throttle;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @ProblemResponses.BadRequest
    @ProblemResponses.Unauthorized
    @ProblemResponses.TooManyRequests
    @io.swagger.v3.oas.annotations.Operation(summary = "Finish signing in with a second-factor code or a recovery code")
    public SecondFactorMessages.SignedIn code(@Body @Valid SecondFactorMessages.CodeRequest request, HttpRequest<?> http) {
        String address = addresses.resolve(http);
        throttle.check(address, null);
        SecondFactorService.Passed passed = secondFactor.complete(request.challenge(), request.code(), address);
        return SecondFactorMessages.SignedIn.of(logins.signedIn(passed.user()), passed.recoveryCodes());
    }

    @Post("/enrolment")
    @Consumes(MediaType.APPLICATION_JSON)
    @ProblemResponses.BadRequest
    @ProblemResponses.Unauthorized
    @ProblemResponses.Conflict
    @io.swagger.v3.oas.annotations.Operation(summary = "Set up the second factor your role requires, during sign-in")
    public SecondFactorMessages.Enrolment enrolment(@Body @Valid SecondFactorMessages.ChallengeRequest request,
                                                    HttpRequest<?> http) {
        throttle.check(addresses.resolve(http), null);
        return secondFactor.startEnrolmentFor(request.challenge());
    }
}

package org.grantline.gateway.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import org.grantline.gateway.auth.LoginService;
import org.grantline.gateway.auth.SignInThrottle;
import org.grantline.gateway.auth.TokenMessages;
import org.grantline.gateway.mfa.SecondFactorMessages;
import org.grantline.gateway.mfa.SecondFactorService;
import org.grantline.gateway.passkey.PasskeyMessages;
import org.grantline.gateway.passkey.PasskeyService;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.problem.ProblemException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web app's session. Sign-in answers the access token (kept in the page's memory only) and
 * puts the refresh token in an {@code HttpOnly; Secure; SameSite=Strict} cookie scoped to
 * {@code /web/session}, where page scripts cannot read it. Refresh rotates it through the same
 * single-use rules as {@code /oauth/access_token} (a replayed one ends every session of that
 * user); sign-out revokes it and clears the cookie. Every call must carry {@link WebCsrf#HEADER}
 * and, when the browser sends one, a same-origin {@code Origin}.
 */
@Controller("/web/session")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Web session")
public class WebSessionController {
    public static final String COOKIE = "grantline_refresh";
    public static final String COOKIE_PATH = "/web/session";

    private final LoginService logins;
    private final SecondFactorService secondFactor;
    private final PasskeyService passkeys;
    private final SignInThrottle throttle;
    private final ClientAddresses addresses;
    private final WebCsrf csrf;
    private final ErrorResponseProcessor<?> errors;
    private final Duration refreshLifetime;

    public WebSessionController(LoginService logins, SecondFactorService secondFactor, PasskeyService passkeys, SignInThrottle throttle, WebCsrf csrf, ErrorResponseProcessor<?> errors, ClientAddresses addresses,
                                @io.micronaut.context.annotation.Value("${grantline.auth.refresh-token-lifetime:8h}") Duration refreshLifetime) {
        this.logins = logins;
        this.secondFactor = secondFactor;
        this.passkeys = passkeys;
        this.throttle = throttle;
        this.csrf = csrf;
        this.errors = errors;
        this.refreshLifetime = refreshLifetime;
        this.addresses = addresses;
    }

    /** What the page gets: never the refresh token. */
    @Serdeable
    public record WebSession(@JsonProperty("access_token") String accessToken,
                             @JsonProperty("token_type") String tokenType,
                             @JsonProperty("expires_in") long expiresIn,
                             String username,
                             List<String> roles,
                             @JsonProperty("recovery_codes") List<String> recoveryCodes) {
        static WebSession of(TokenMessages.TokenResponse tokens) {
            return of(tokens, List.of());
        }

        static WebSession of(TokenMessages.TokenResponse tokens, List<String> recoveryCodes) {
            return new WebSession(tokens.accessToken(), tokens.tokenType(), tokens.expiresIn(), tokens.username(),
                    tokens.roles(), recoveryCodes);
        }
    }

    @Post
    @Operation(summary = "Signs the web app in")
    @ProblemResponses.BadRequest
    @ProblemResponses.Unauthorized
    @ProblemResponses.Forbidden
    @ProblemResponses.TooManyRequests
    @ApiResponse(responseCode = "200", description = "Signed in; the refresh token is in the `grantline_refresh` cookie (HttpOnly, Secure, SameSite=Strict, path /web/session)",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Set-Cookie", required = true, schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebSession.class)))
    @io.swagger.v3.oas.annotations.Parameter(name = "X-GrantLine-Web", in = io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER, required = true,
            description = "Any value: a cross-site form cannot send it", schema = @Schema(type = "string", example = "1"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = TokenMessages.LoginRequest.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> signIn(@Body @Valid TokenMessages.LoginRequest credentials, HttpRequest<?> request) {
        csrf.check(request);
        String address = addresses.resolve(request);
        throttle.check(address, credentials.username());
        TokenMessages.TokenResponse tokens = logins.login(credentials.username(), credentials.password(), address);
        return HttpResponse.ok(WebSession.of(tokens)).cookie(refreshCookie(tokens.refreshToken()));
    }

    /** The second step when sign-in answered {@code second-factor-required} or {@code ...-enrolment-required}. */
    @Post("/second-factor")
    @Consumes(MediaType.APPLICATION_JSON)
    @ProblemResponses.BadRequest
    @ProblemResponses.Unauthorized
    @ProblemResponses.Forbidden
    @ProblemResponses.TooManyRequests
    public HttpResponse<?> secondFactor(@Body @Valid SecondFactorMessages.CodeRequest code, HttpRequest<?> request) {
        csrf.check(request);
        String address = addresses.resolve(request);
        throttle.check(address, null);
        SecondFactorService.Passed passed = secondFactor.complete(code.challenge(), code.code(), address);
        TokenMessages.TokenResponse tokens = logins.signedIn(passed.user());
        return HttpResponse.ok(WebSession.of(tokens, passed.recoveryCodes())).cookie(refreshCookie(tokens.refreshToken()));
    }

    /** Signs the web app in with a passkey (options from {@code POST /login/passkey/options}). */
    @Post("/passkey")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Signs the web app in with a passkey")
    @ProblemResponses.BadRequest
    @ProblemResponses.Unauthorized
    @ProblemResponses.Forbidden
    @ProblemResponses.TooManyRequests
    public HttpResponse<?> passkey(@Body @Valid PasskeyMessages.SignIn signIn, HttpRequest<?> request) {
        csrf.check(request);
        String address = addresses.resolve(request);
        throttle.check(address, null);
        TokenMessages.TokenResponse tokens = logins.signedIn(passkeys.signIn(signIn, address));
        return HttpResponse.ok(WebSession.of(tokens)).cookie(refreshCookie(tokens.refreshToken()));
    }

    @Post("/second-factor/enrolment")
    @Consumes(MediaType.APPLICATION_JSON)
    @ProblemResponses.BadRequest
    @ProblemResponses.Unauthorized
    @ProblemResponses.Forbidden
    @ProblemResponses.Conflict
    @io.swagger.v3.oas.annotations.Operation(summary = "Web app: set up the second factor your role requires, during sign-in")
    public SecondFactorMessages.Enrolment secondFactorEnrolment(@Body @Valid SecondFactorMessages.ChallengeRequest challenge,
                                                                HttpRequest<?> request) {
        csrf.check(request);
        throttle.check(addresses.resolve(request), null);
        return secondFactor.startEnrolmentFor(challenge.challenge());
    }

    @Post("/refresh")
    @Operation(summary = "Restores the session from the refresh cookie (it rotates, single use)")
    @ProblemResponses.Unauthorized
    @ProblemResponses.Forbidden
    @ProblemResponses.TooManyRequests
    @ApiResponse(responseCode = "200", description = "Signed in; the refresh token is in the `grantline_refresh` cookie (HttpOnly, Secure, SameSite=Strict, path /web/session)",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Set-Cookie", required = true, schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebSession.class)))
    @io.swagger.v3.oas.annotations.Parameter(name = "X-GrantLine-Web", in = io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER, required = true,
            description = "Any value: a cross-site form cannot send it", schema = @Schema(type = "string", example = "1"))
    public HttpResponse<?> refresh(HttpRequest<?> request) {
        csrf.check(request);
        throttle.check(addresses.resolve(request), null);
        Optional<String> presented = presented(request);
        if (presented.isEmpty()) {
            return failure(request, new ProblemException(HttpStatus.UNAUTHORIZED, "no-session", "Unauthorized",
                    "You are not signed in", Map.of()));
        }
        try {
            TokenMessages.TokenResponse tokens = logins.refresh(presented.get());
            return HttpResponse.ok(WebSession.of(tokens)).cookie(refreshCookie(tokens.refreshToken()));
        } catch (ProblemException e) {
            return failure(request, new ProblemException(HttpStatus.UNAUTHORIZED, "session-ended", "Unauthorized",
                    "Your session has ended; sign in again", Map.of()));
        }
    }

    @Delete
    @Operation(summary = "Signs out: revokes the refresh token and clears the cookie")
    @NoContent
    @io.micronaut.http.annotation.Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.Forbidden
    @io.swagger.v3.oas.annotations.Parameter(name = "X-GrantLine-Web", in = io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER, required = true,
            description = "Any value: a cross-site form cannot send it", schema = @Schema(type = "string", example = "1"))
    public HttpResponse<Void> signOut(HttpRequest<?> request) {
        csrf.check(request);
        presented(request).ifPresent(logins::logout);
        return HttpResponse.<Void>noContent().cookie(cleared());
    }

    private static Optional<String> presented(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue)
                .filter(v -> !v.isBlank() && v.length() <= 200);
    }

    private MutableHttpResponse<?> failure(HttpRequest<?> request, ProblemException problem) {
        return errors.processResponse(ErrorContext.builder(request).cause(problem).build(),
                HttpResponse.status(problem.status()).cookie(cleared()));
    }

    /** The web session cookie holding this refresh token (also set at the end of a single sign-on). */
    public Cookie refreshCookie(String value) {
        return base(Cookie.of(COOKIE, value)).maxAge(refreshLifetime);
    }

    private static Cookie cleared() {
        return base(Cookie.of(COOKIE, "")).maxAge(0);
    }

    private static Cookie base(Cookie cookie) {
        return cookie.httpOnly(true).secure(true).sameSite(SameSite.Strict).path(COOKIE_PATH);
    }
}

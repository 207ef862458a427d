package org.grantline.gateway.web;

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
import org.grantline.gateway.auth.TokenMessages;
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
public class WebSessionController {
    public static final String COOKIE = "grantline_refresh";
    public static final String COOKIE_PATH = "/web/session";

    private final LoginService logins;
    private final WebCsrf csrf;
    private final ErrorResponseProcessor<?> errors;
    private final Duration refreshLifetime;

    public WebSessionController(LoginService logins, WebCsrf csrf, ErrorResponseProcessor<?> errors,
                                @io.micronaut.context.annotation.Value("${grantline.auth.refresh-token-lifetime:8h}") Duration refreshLifetime) {
        this.logins = logins;
        this.csrf = csrf;
        this.errors = errors;
        this.refreshLifetime = refreshLifetime;
    }

    /** What the page gets: never the refresh token. */
    @Serdeable
    public record WebSession(@JsonProperty("access_token") String accessToken,
                             @JsonProperty("token_type") String tokenType,
                             @JsonProperty("expires_in") long expiresIn,
                             String username,
                             List<String> roles) {
        static WebSession of(TokenMessages.TokenResponse tokens) {
            return new WebSession(tokens.accessToken(), tokens.tokenType(), tokens.expiresIn(), tokens.username(), tokens.roles());
        }
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> signIn(@Body @Valid TokenMessages.LoginRequest credentials, HttpRequest<?> request) {
        csrf.check(request);
        TokenMessages.TokenResponse tokens = logins.login(credentials.username(), credentials.password(),
                request.getRemoteAddress().getAddress().getHostAddress());
        return HttpResponse.ok(WebSession.of(tokens)).cookie(refreshCookie(tokens.refreshToken()));
    }

    @Post("/refresh")
    public HttpResponse<?> refresh(HttpRequest<?> request) {
        csrf.check(request);
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
    public HttpResponse<?> signOut(HttpRequest<?> request) {
        csrf.check(request);
        presented(request).ifPresent(logins::logout);
        return HttpResponse.noContent().cookie(cleared());
    }

    private static Optional<String> presented(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue)
                .filter(v -> !v.isBlank() && v.length() <= 200);
    }

    private MutableHttpResponse<?> failure(HttpRequest<?> request, ProblemException problem) {
        return errors.processResponse(ErrorContext.builder(request).cause(problem).build(),
                HttpResponse.status(problem.status()).cookie(cleared()));
    }

    private Cookie refreshCookie(String value) {
        return base(Cookie.of(COOKIE, value)).maxAge(refreshLifetime);
    }

    private static Cookie cleared() {
        return base(Cookie.of(COOKIE, "")).maxAge(0);
    }

    private static Cookie base(Cookie cookie) {
        return cookie.httpOnly(true).secure(true).sameSite(SameSite.Strict).path(COOKIE_PATH);
    }
}

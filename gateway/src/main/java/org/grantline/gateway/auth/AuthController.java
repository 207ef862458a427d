package org.grantline.gateway.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import org.grantline.shared.problem.ProblemException;

import java.util.Map;

/** {@code POST /login}, {@code POST /oauth/access_token} (refresh, client credentials), {@code POST /logout}. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {

    private final LoginService logins;

    public AuthController(LoginService logins) {
        this.logins = logins;
    }

    @Post("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenMessages.TokenResponse login(@Body @Valid TokenMessages.LoginRequest request, HttpRequest<?> http) {
        return logins.login(request.username(), request.password(), http.getRemoteAddress().getAddress().getHostAddress());
    }

    @Post("/oauth/access_token")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    public TokenMessages.TokenResponse token(@Body TokenMessages.TokenRequest request) {
        String grant = request.grantType() == null ? "" : request.grantType();
        return switch (grant) {
            case "refresh_token" -> logins.refresh(required(request.refreshToken(), "refresh_token"));
            case "client_credentials" -> logins.serviceToken(required(request.clientId(), "client_id"),
                    required(request.clientSecret(), "client_secret"));
            default -> throw new ProblemException(HttpStatus.BAD_REQUEST, "unsupported-grant-type", "Bad Request",
                    "grant_type must be refresh_token or client_credentials", Map.of("error", "unsupported_grant_type"));
        };
    }

    @Post("/logout")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    @Status(HttpStatus.NO_CONTENT)
    public void logout(@Body @Valid TokenMessages.LogoutRequest request) {
        logins.logout(request.refreshToken());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Bad Request",
                    field + " is required", Map.of("error", "invalid_request"));
        }
        return value;
    }
}

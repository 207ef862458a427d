package org.grantline.gateway.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.gateway.web.ClientAddresses;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.http.HttpHeaders;
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
import org.grantline.gateway.apiclient.ApiClientService;
import org.grantline.shared.problem.ProblemException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /login}, {@code POST /oauth/access_token} (refresh; client credentials of services and of
 * API clients), {@code POST /logout}.
 * Sign-in and token requests are throttled ({@link SignInThrottle}) before anything else is done.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Sign-in and tokens")
public class AuthController {

    private final LoginService logins;
    private final SignInThrottle throttle;
    private final ApiClientService apiClients;
    private final ClientAddresses addresses;

    public AuthController(LoginService logins, SignInThrottle throttle, ApiClientService apiClients, ClientAddresses addresses) {
        this.addresses = addresses;
        this.logins = logins;
        this.throttle = throttle;
        this.apiClients = apiClients;
    }

    @Post("/login")
    @Operation(summary = "Signs in with a username and password: an access token and a refresh token")
    @ProblemResponses.BadRequest
    @ProblemResponses.Unauthorized
    @ProblemResponses.TooManyRequests
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = TokenMessages.LoginRequest.class),
            examples = @ExampleObject(name = "official", value = "{\"username\":\"baltimore.official\",\"password\":\"grantline-demo\"}")))
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenMessages.TokenResponse login(@Body @Valid TokenMessages.LoginRequest request, HttpRequest<?> http) {
        String address = addresses.resolve(http);
        throttle.check(address, request.username());
        return logins.login(request.username(), request.password(), address);
    }

    @Post("/oauth/access_token")
    @Operation(summary = "Exchanges a refresh token (grant_type=refresh_token), or the client credentials of a service or an API client "
            + "(grant_type=client_credentials; client_id and client_secret in the body or as HTTP Basic), for tokens")
    @ProblemResponses.BadRequest
    @ProblemResponses.Unauthorized
    @ProblemResponses.TooManyRequests
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(implementation = TokenMessages.TokenRequest.class),
                    examples = @ExampleObject(name = "refresh", value = "grant_type=refresh_token&refresh_token=...")),
            @Content(mediaType = "application/json", schema = @Schema(implementation = TokenMessages.TokenRequest.class))})
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    public TokenMessages.TokenResponse token(@Body TokenMessages.TokenRequest request, HttpRequest<?> http) {
        Optional<String[]> basic = basicCredentials(http);
        String clientId = basic.map(b -> b[0]).orElse(request.clientId());
        // Throttled before anything else, under the client id however it came (body or Basic).
        throttle.check(addresses.resolve(http), clientId);
        String grant = request.grantType() == null ? "" : request.grantType();
        return switch (grant) {
            case "refresh_token" -> logins.refresh(required(request.refreshToken(), "refresh_token"));
            case "client_credentials" -> {
                if (basic.isPresent() && request.clientSecret() != null) {
                    throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Bad Request",
                            "Send the client credentials either as HTTP Basic or in the body, not both", Map.of("error", "invalid_request"));
                }
                String id = required(clientId, "client_id");
                String secret = required(basic.map(b -> b[1]).orElse(request.clientSecret()), "client_secret");
                // An API client's id is a UUID; a GrantLine service's is its name.
                Optional<UUID> apiClient = uuid(id);
                yield apiClient.isPresent() ? apiClients.token(apiClient.get(), secret) : logins.serviceToken(id, secret);
            }
            default -> throw new ProblemException(HttpStatus.BAD_REQUEST, "unsupported-grant-type", "Bad Request",
                    "grant_type must be refresh_token or client_credentials", Map.of("error", "unsupported_grant_type"));
        };
    }

    /** RFC 6749 2.3.1: {@code Authorization: Basic} of the form-encoded client id and secret; malformed: 401. */
    private static Optional<String[]> basicCredentials(HttpRequest<?> http) {
        String header = http.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 1) {
                throw ApiClientService.invalidClient();
            }
            return Optional.of(new String[]{URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)});
        } catch (IllegalArgumentException e) {
            throw ApiClientService.invalidClient();
        }
    }

    private static Optional<UUID> uuid(String value) {
        if (value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Post("/logout")
    @Operation(summary = "Revokes a refresh token (and the session it belongs to)")
    @NoContent
    @ProblemResponses.BadRequest
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

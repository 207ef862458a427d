package org.grantline.gateway.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The request and response bodies of login, refresh, client credentials and logout (OAuth 2 field names). */
public final class TokenMessages {
    private TokenMessages() {
    }

    @Serdeable
    public record LoginRequest(@NotBlank @Size(max = 64) String username,
                               @NotBlank @Size(max = 200) String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + "]";
        }
    }

    @Serdeable
    public record TokenRequest(@JsonProperty("grant_type") @Nullable String grantType,
                               @JsonProperty("refresh_token") @Nullable String refreshToken,
                               @JsonProperty("client_id") @Nullable String clientId,
                               @JsonProperty("client_secret") @Nullable String clientSecret) {
        @Override
        public String toString() {
            return "TokenRequest[grant_type=" + grantType + ", client_id=" + clientId + "]";
        }
    }

    @Serdeable
    public record LogoutRequest(@JsonProperty("refresh_token") @NotBlank @Size(max = 200) String refreshToken) {
    }

    @Serdeable
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("refresh_token") @Nullable String refreshToken,
                                @JsonProperty("token_type") String tokenType,
                                @JsonProperty("expires_in") long expiresIn,
                                String username,
                                List<String> roles) {
    }
}

package org.grantline.gateway.mfa;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.grantline.gateway.auth.TokenMessages;

import java.time.Instant;
import java.util.List;

/** Bodies of two-factor sign-in and enrolment. */
public final class SecondFactorMessages {
    private SecondFactorMessages() {
    }

    /** A code for a sign-in challenge: six digits from the authenticator, or a recovery code. */
    @Serdeable
    public record CodeRequest(@NotBlank @Size(max = 100) String challenge, @NotBlank @Size(max = 32) String code) {
        @Override
        public String toString() {
            return "CodeRequest[]";
        }
    }

    @Serdeable
    public record ChallengeRequest(@NotBlank @Size(max = 100) String challenge) {
        @Override
        public String toString() {
            return "ChallengeRequest[]";
        }
    }

    @Serdeable
    public record Code(@NotBlank @Size(max = 32) String code) {
        @Override
        public String toString() {
            return "Code[]";
        }
    }

    /** What an authenticator app needs: the key (also as the otpauth:// URI and its QR code as SVG). */
    @Serdeable
    public record Enrolment(String secret, String otpauthUri, String qrSvg, int qrSize, String qrPath, int digits,
                            long periodSeconds) {
    }

    @Serdeable
    public record Status(boolean enrolled, @Nullable Instant confirmedAt, boolean pending, long recoveryCodesLeft,
                         boolean required, @Nullable Instant lockedUntil, long passkeys) {
    }

    /** After an administrator's reset: the user's second factor now, and whether they were told by email. */
    @Serdeable
    public record Reset(boolean enrolled, boolean pending, long recoveryCodesLeft, boolean required, long passkeys, boolean userEmailed) {
    }

    @Serdeable
    public record RecoveryCodes(List<String> recoveryCodes) {
    }

    /** Tokens after the second factor; {@code recovery_codes} only right after enrolment (shown once), else empty. */
    @Serdeable
    public record SignedIn(@JsonProperty("access_token") String accessToken,
                           @JsonProperty("refresh_token") @Nullable String refreshToken,
                           @JsonProperty("token_type") String tokenType,
                           @JsonProperty("expires_in") long expiresIn,
                           String username,
                           List<String> roles,
                           @JsonProperty("recovery_codes") List<String> recoveryCodes) {
        public static SignedIn of(TokenMessages.TokenResponse tokens, List<String> recoveryCodes) {
            return new SignedIn(tokens.accessToken(), tokens.refreshToken(), tokens.tokenType(), tokens.expiresIn(),
                    tokens.username(), tokens.roles(), recoveryCodes);
        }
    }
}

package org.grantline.gateway.passkey;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Bodies of the passkey ceremonies, shaped as the WebAuthn JSON forms ({@code PublicKeyCredentialCreationOptionsJSON},
 * {@code PublicKeyCredentialRequestOptionsJSON}, {@code RegistrationResponseJSON}, {@code AuthenticationResponseJSON}):
 * every binary value is base64url without padding, so a browser's {@code PublicKeyCredential.parse…FromJSON} and
 * {@code credential.toJSON()} fit as they are.
 */
public final class PasskeyMessages {
    static final String B64URL = "[A-Za-z0-9_-]*";

    private PasskeyMessages() {
    }

    @Serdeable
    public record RelyingParty(String id, String name) {
    }

    @Serdeable
    public record UserEntity(String id, String name, String displayName) {
    }

    @Serdeable
    public record Parameter(String type, int alg) {
    }

    @Serdeable
    public record Selection(String residentKey, boolean requireResidentKey, String userVerification) {
    }

    @Serdeable
    public record Descriptor(String type, String id) {
    }

    @Serdeable
    public record CreationOptions(String challenge, RelyingParty rp, UserEntity user, List<Parameter> pubKeyCredParams, long timeout,
                                  String attestation, Selection authenticatorSelection, List<Descriptor> excludeCredentials) {
    }

    /** Options for {@code navigator.credentials.create}, and the challenge's id to send back with the answer. */
    @Serdeable
    public record RegistrationOptions(UUID challengeId, CreationOptions publicKey) {
    }

    @Serdeable
    public record RequestOptions(String challenge, String rpId, long timeout, String userVerification, List<Descriptor> allowCredentials) {
    }

    /** Options for {@code navigator.credentials.get} (discoverable credentials: the browser offers the user's passkeys). */
    @Serdeable
    public record SignInOptions(UUID challengeId, RequestOptions publicKey) {
    }

    /** The authenticator's answer; registration sends attestationObject, sign-in authenticatorData, signature and userHandle. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CredentialResponse(@NotBlank @Size(max = 4000) @Pattern(regexp = B64URL) String clientDataJSON,
                                     @Nullable @Size(max = 20000) @Pattern(regexp = B64URL) String attestationObject,
                                     @Nullable @Size(max = 10) List<@Size(max = 20) String> transports,
                                     @Nullable @Size(max = 4000) @Pattern(regexp = B64URL) String authenticatorData,
                                     @Nullable @Size(max = 1000) @Pattern(regexp = B64URL) String signature,
                                     @Nullable @Size(max = 200) @Pattern(regexp = B64URL) String userHandle) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Credential(@NotBlank @Size(max = 1400) @Pattern(regexp = B64URL) String id,
                             @NotBlank @Pattern(regexp = "public-key", message = "must be public-key") String type,
                             @NotNull @Valid CredentialResponse response) {
    }

    @Serdeable
    public record Registration(@NotNull UUID challengeId, @NotBlank @Size(max = 100) String name, @NotNull @Valid Credential credential) {
    }

    @Serdeable
    public record SignIn(@NotNull UUID challengeId, @NotNull @Valid Credential credential) {
    }

    /** A passkey as its owner sees it (never the key itself). */
    @Serdeable
    public record PasskeyView(UUID id, String name, Instant createdAt, @Nullable Instant lastUsedAt) {
        static PasskeyView of(Passkey p) {
            return new PasskeyView(p.id(), p.name(), p.createdAt(), p.lastUsedAt());
        }
    }
}

package org.grantline.gateway.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.grantline.gateway.auth.Secrets;
import org.grantline.gateway.user.AppUser;
import org.grantline.gateway.user.AppUserRepository;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Passkeys (WebAuthn Level 2, verified by webauthn4j): a signed-in person registers passkeys, and
 * then signs in with one instead of the password — discoverable credentials, so the browser offers
 * the person's passkeys without a username. User verification (the device's PIN or biometrics) is
 * required at both ceremonies, so a passkey is two factors in itself and a role that requires a
 * second factor needs no code after it. Attestation is not asked for ("none"): GrantLine does not
 * restrict which authenticator makes of keys people use.
 * <p>
 * Each ceremony's challenge is stored and spent with one conditional UPDATE (single use on any
 * replica, five minutes). The expected origins are the web app's own ({@code grantline.passkeys.origins},
 * default {@code GRANTLINE_APP_URL}, and the web session's extra allowed origins); the relying party
 * id is the host of the first origin unless {@code grantline.passkeys.rp-id} names one. The
 * authenticator's counter is moved on with a conditional UPDATE: a counter that does not move forward
 * (a cloned key) or a second use of one assertion is refused.
 */
@Singleton
public class PasskeyService {
    private static final Logger LOG = LoggerFactory.getLogger(PasskeyService.class);
    static final String ENTITY = "user";
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    static final int MAX_PER_USER = 20;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
    /** ES256 (every platform authenticator), EdDSA, RS256 (Windows Hello), in that order of preference. */
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private final PasskeyRepository passkeys;
    private final PasskeyChallengeRepository challenges;
    private final AppUserRepository users;
    private final AuditTrail audit;
    private final WebAuthnManager webauthn;
    private final AttestedCredentialDataConverter credentialData;
    private final Set<Origin> origins;
    private final String rpId;

    public PasskeyService(PasskeyRepository passkeys, PasskeyChallengeRepository challenges, AppUserRepository users, AuditTrail audit,
                          @Value("${grantline.passkeys.origins:}") List<String> origins,
                          @Value("${grantline.passkeys.app-url}") String appUrl,
                          @Value("${grantline.passkeys.rp-id:}") String rpId,
                          @Value("${grantline.web.allowed-origins:}") List<String> webOrigins) {
        this.passkeys = passkeys;
        this.challenges = challenges;
        this.users = users;
        this.audit = audit;
        ObjectConverter converter = new ObjectConverter();
        this.webauthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);
        this.credentialData = new AttestedCredentialDataConverter(converter);
        Set<String> all = new LinkedHashSet<>();
        for (String o : origins) {
            if (!o.isBlank()) {
                all.add(o.strip().replaceAll("/+$", ""));
            }
        }
        if (all.isEmpty()) {
            all.add(appUrl.strip().replaceAll("/+$", ""));
        }
        for (String o : webOrigins) {
            if (!o.isBlank()) {
                all.add(o.strip().replaceAll("/+$", ""));
            }
        }
        this.origins = new LinkedHashSet<>(all.stream().map(Origin::new).toList());
        this.rpId = rpId.isBlank() ? URI.create(all.iterator().next()).getHost() : rpId.strip();
    }

    /** Options to create a passkey for this person; their existing ones are excluded (one per authenticator). */
    public PasskeyMessages.RegistrationOptions registrationOptions(AppUser user) {
        PasskeyChallenge challenge = issue(user.id(), PasskeyChallenge.Purpose.REGISTER);
        List<PasskeyMessages.Descriptor> existing = passkeys.findByUserIdOrderByCreatedAt(user.id()).stream()
                .map(p -> new PasskeyMessages.Descriptor("public-key", p.credentialId())).toList();
        return new PasskeyMessages.RegistrationOptions(challenge.id(), new PasskeyMessages.CreationOptions(challenge.challenge(),
                new PasskeyMessages.RelyingParty(rpId, "GrantLine"),
                new PasskeyMessages.UserEntity(B64.encodeToString(userHandle(user.id())), user.username(), user.displayName()),
                ALGORITHMS.stream().map(a -> new PasskeyMessages.Parameter("public-key", (int) a.getAlg().getValue())).toList(),
                CHALLENGE_LIFETIME.toMillis(), "none", new PasskeyMessages.Selection("required", true, "required"), existing));
    }

    /** Verifies the authenticator's answer to a registration challenge and keeps the passkey. */
    public PasskeyMessages.PasskeyView register(AppUser user, PasskeyMessages.Registration registration) {
        PasskeyMessages.CredentialResponse response = registration.credential().response();
        if (response.attestationObject() == null) {
            throw Problems.invalid("credential.response.attestationObject", "must not be null");
        }
        PasskeyChallenge challenge = spend(registration.challengeId(), PasskeyChallenge.Purpose.REGISTER, user.id())
                .orElseThrow(() -> refusedRegistration(user, "challenge", "The passkey challenge is used, expired or not yours; start again"));
        if (passkeys.countByUserId(user.id()) >= MAX_PER_USER) {
            throw Problems.conflict("too-many-passkeys", "You have " + MAX_PER_USER + " passkeys; remove one first");
        }
        RegistrationData data;
        try {
            Set<String> transports = response.transports() == null ? null : new LinkedHashSet<>(response.transports());
            data = webauthn.verify(new RegistrationRequest(decode(response.attestationObject()), decode(response.clientDataJSON()), transports),
                    new RegistrationParameters(server(challenge), ALGORITHMS, true, true));
        } catch (DataConversionException | VerificationException | IllegalArgumentException e) {
            throw refusedRegistration(user, e.getClass().getSimpleName(), "The passkey could not be verified: " + e.getMessage());
        }
        AttestedCredentialData attested = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
        String credentialId = B64.encodeToString(attested.getCredentialId());
        if (!credentialId.equals(registration.credential().id())) {
            throw refusedRegistration(user, "credential-id", "The credential id does not match the authenticator's data");
        }
        if (passkeys.findByCredentialId(credentialId).isPresent()) {
            throw Problems.conflict("passkey-exists", "This passkey is registered already");
        }
        Instant now = now();
        Passkey saved = passkeys.save(new Passkey(UUID.randomUUID(), user.id(), credentialId, credentialData.convert(attested),
                data.getAttestationObject().getAuthenticatorData().getSignCount(), registration.name().strip(), now, null));
        audit.recordAs(user.username(), "passkey.registered", ENTITY, user.id(), null,
                Map.of("passkeyId", saved.id(), "name", saved.name(), "aaguid", attested.getAaguid().toString()));
        LOG.info("Passkey '{}' registered for '{}'", saved.name(), user.username());
        return PasskeyMessages.PasskeyView.of(saved);
    }

    /** Options to sign in with any passkey of this site (the browser lists them). */
    public PasskeyMessages.SignInOptions signInOptions() {
        PasskeyChallenge challenge = issue(null, PasskeyChallenge.Purpose.SIGN_IN);
        return new PasskeyMessages.SignInOptions(challenge.id(), new PasskeyMessages.RequestOptions(challenge.challenge(), rpId,
                CHALLENGE_LIFETIME.toMillis(), "required", List.of()));
    }

    /** The person whose passkey answered the sign-in challenge; every refusal is the same 401. */
    public AppUser signIn(PasskeyMessages.SignIn signIn, String source) {
        PasskeyMessages.CredentialResponse response = signIn.credential().response();
        if (response.authenticatorData() == null || response.signature() == null) {
            throw Problems.invalid("credential.response", "authenticatorData and signature are required");
        }
        PasskeyChallenge challenge = spend(signIn.challengeId(), PasskeyChallenge.Purpose.SIGN_IN, null)
                .orElseThrow(() -> refused(null, source, "challenge"));
        Passkey passkey = passkeys.findByCredentialId(signIn.credential().id()).orElseThrow(() -> refused(null, source, "unknown passkey"));
        AppUser user = users.findById(passkey.userId()).orElseThrow(() -> refused(null, source, "no such user"));
        byte[] handle = response.userHandle() == null || response.userHandle().isEmpty() ? null : decode(response.userHandle());
        if (handle != null && !Arrays.equals(handle, userHandle(user.id()))) {
            throw refused(user, source, "user handle");
        }
        AuthenticationData data;
        try {
            CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null, passkey.signCount(),
                    credentialData.convert(passkey.credential()), null, null, null, null);
            data = webauthn.verify(new AuthenticationRequest(decode(signIn.credential().id()), handle, decode(response.authenticatorData()),
                    decode(response.clientDataJSON()), null, decode(response.signature())),
                    new AuthenticationParameters(server(challenge), record, null, true, true));
        } catch (DataConversionException | VerificationException | IllegalArgumentException e) {
            throw refused(user, source, e.getClass().getSimpleName());
        }
        long count = data.getAuthenticatorData().getSignCount();
        Instant now = now();
        if (passkeys.used(passkey.id(), passkey.signCount(), Math.max(count, passkey.signCount()), now) != 1) {
            throw refused(user, source, "passkey used by another sign-in at the same time");
        }
        if (!user.enabled()) {
            throw refused(user, source, "account disabled");
        }
        audit.recordAs(user.username(), "passkey.signed-in", ENTITY, user.id(), null,
                Map.of("passkeyId", passkey.id(), "name", passkey.name(), "source", source));
        LOG.info("Passkey sign-in of '{}' from {}", user.username(), source);
        return user;
    }

    public List<PasskeyMessages.PasskeyView> list(AppUser user) {
        return passkeys.findByUserIdOrderByCreatedAt(user.id()).stream().map(PasskeyMessages.PasskeyView::of).toList();
    }

    public void remove(AppUser user, UUID id) {
        Passkey passkey = passkeys.findById(id).filter(p -> p.userId().equals(user.id()))
                .orElseThrow(() -> Problems.notFound("No passkey " + id));
        passkeys.deleteById(id);
        audit.recordAs(user.username(), "passkey.removed", ENTITY, user.id(), Map.of("passkeyId", id, "name", passkey.name()), null);
    }

    /** How many passkeys the user has (the second-factor status shows it). */
    public long count(UUID userId) {
        return passkeys.countByUserId(userId);
    }

    /** An administrator's reset of the user's second factor removes their passkeys too (a lost phone holds both). */
    public int removeAll(UUID userId) {
        return passkeys.deleteByUserId(userId);
    }

    private PasskeyChallenge issue(UUID userId, PasskeyChallenge.Purpose purpose) {
        Instant now = now();
        return challenges.save(new PasskeyChallenge(UUID.randomUUID(), userId, purpose, Secrets.random(), now,
                now.plus(CHALLENGE_LIFETIME), null));
    }

    private Optional<PasskeyChallenge> spend(UUID id, PasskeyChallenge.Purpose purpose, UUID userId) {
        Optional<PasskeyChallenge> found = challenges.findById(id)
                .filter(c -> c.purpose() == purpose && (userId == null || userId.equals(c.userId())));
        return found.filter(c -> challenges.use(c.id(), now()) == 1);
    }

    private ServerProperty server(PasskeyChallenge challenge) {
        return ServerProperty.builder().origins(origins).rpId(rpId).challenge(new DefaultChallenge(decode(challenge.challenge()))).build();
    }

    /** The WebAuthn user handle: the account's id as its 16 bytes (no personal data, as the spec asks). */
    static byte[] userHandle(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static byte[] decode(String base64url) {
        return UNB64.decode(base64url);
    }

    private ProblemException refusedRegistration(AppUser user, String reason, String detail) {
        audit.recordAs(user.username(), "passkey.failed", ENTITY, user.id(), null, Map.of("ceremony", "registration", "reason", reason));
        LOG.warn("Passkey registration for '{}' refused: {}", user.username(), reason);
        return Problems.of(HttpStatus.BAD_REQUEST, "passkey-invalid", "Bad Request", detail);
    }

    private ProblemException refused(AppUser user, String source, String reason) {
        if (user != null) {
            Map<String, Object> after = new HashMap<>(Map.of("ceremony", "sign-in", "reason", reason, "source", source));
            audit.recordAs(user.username(), "passkey.failed", ENTITY, user.id(), null, after);
        }
        LOG.warn("Passkey sign-in from {} refused: {}", source, reason);
        return new ProblemException(HttpStatus.UNAUTHORIZED, "passkey-invalid", "Unauthorized",
                "The passkey was not accepted; start again", Map.of());
    }

    /** The relying party id and the accepted origins, as configured (tests of the configuration). */
    String rpId() {
        return rpId;
    }

    Set<String> origins() {
        Set<String> shown = new LinkedHashSet<>();
        origins.forEach(o -> shown.add(o.toString()));
        return shown;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

package org.grantline.gateway.auth;

import static org.grantline.gateway.auth.Secrets.sha256;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.grantline.gateway.web.ClientAddresses;
import org.grantline.gateway.mfa.SecondFactorService;
import org.grantline.gateway.revocation.TokenRevocations;
import org.grantline.gateway.user.AppUser;
import org.grantline.gateway.user.AppUserRepository;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in, refresh, logout and service tokens. Unknown user, wrong password, disabled and locked
 * accounts all get the same answer. Guessing is bounded by {@link SignInGuard} (a lock per account
 * and client address, decided in the database before any hashing) and by {@link SignInThrottle}.
 */
@Singleton
public class LoginService {
    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppUserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final SignInGuard guard;
    private final TokenRevocations revocations;
    private final AuditTrail audit;
    private final List<ServiceClient> serviceClients;
    private final SecondFactorService secondFactor;
    private final Duration refreshLifetime;
    private final ClientAddresses addresses;

    public LoginService(AppUserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
                        TokenIssuer issuer, SignInGuard guard, TokenRevocations revocations, AuditTrail audit,
                        List<ServiceClient> serviceClients, SecondFactorService secondFactor,
                        ClientAddresses addresses, @Value("${grantline.auth.refresh-token-lifetime:8h}") Duration refreshLifetime) {
        this.addresses = addresses;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.issuer = issuer;
        this.guard = guard;
        this.revocations = revocations;
        this.audit = audit;
        this.serviceClients = serviceClients;
        this.secondFactor = secondFactor;
        this.refreshLifetime = refreshLifetime;
    }

    public TokenMessages.TokenResponse login(String username, String password, String clientAddress) {
        PasswordHasher.checkLength("password", password);
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<AppUser> found = users.findByUsername(name);
        if (found.isEmpty()) {
            hasher.matchesNothing(password);
            LOG.warn("Login failed: unknown user '{}' from {}", loggable(name), clientAddress);
            throw invalidCredentials();
        }
        AppUser user = found.get();
        Optional<SignInGuard.Attempt> begun = guard.begin(user.id(), clientAddress);
        if (begun.isEmpty()) {
            LOG.warn("Login refused: account '{}' is locked for {}", name, clientAddress);
            throw invalidCredentials();
        }
        SignInGuard.Attempt attempt = begun.get();
        if (!hasher.matches(password, user.passwordHash())) {
            SignInGuard.Failure failure = guard.fail(attempt);
            failure.lockedUntil().ifPresentOrElse(until -> {
                LOG.warn("Account '{}' locked for {} until {} after {} failed logins", name, clientAddress, until,
                        failure.failures());
                audit.recordAs(name, "user.locked", "user", user.id(), null,
                        Map.of("source", clientAddress, "lockedUntil", until.toString(), "failedAttempts", failure.failures()));
            }, () -> LOG.warn("Login failed: wrong password for '{}' from {} ({} in a row)", name, clientAddress,
                    failure.failures()));
            throw invalidCredentials();
        }
        if (!user.enabled()) {
            guard.release(attempt);
            LOG.warn("Login refused: account '{}' is disabled (attempt from {})", name, clientAddress);
            throw invalidCredentials();
        }
        if (!guard.succeed(attempt)) {
            guard.release(attempt);
            LOG.warn("Login refused: right password for '{}' from {}, but other attempts ran at the same time or the "
                    + "account was locked meanwhile", name, clientAddress);
            throw invalidCredentials();
        }
        Optional<ProblemException> second = secondFactor.challengeAfterPassword(user, clientAddress);
        if (second.isPresent()) {
            LOG.info("Password of '{}' from {} right; second factor asked", name, clientAddress);
            throw second.get();
        }
        LOG.info("Login of '{}' from {}", name, clientAddress);
        return tokensFor(user, UUID.randomUUID());
    }

    /** A new sign-in session for a user who passed every factor (the second factor's controllers). */
    public TokenMessages.TokenResponse signedIn(AppUser user) {
        LOG.info("Login of '{}' with a second factor", user.username());
        return tokensFor(user, UUID.randomUUID());
    }

    public TokenMessages.TokenResponse refresh(String refreshToken) {
        RefreshToken stored = refreshTokens.findByTokenHash(sha256(refreshToken))
                .orElseThrow(LoginService::invalidGrant);
        Instant now = Instant.now();
        if (stored.revokedAt() != null) {
            // A revoked token presented again may have been stolen: end every session of that user,
            // their access tokens included.
            long revoked = refreshTokens.revokeAllOf(stored.userId(), now);
            users.findById(stored.userId()).ifPresent(user -> {
                AppUser ended = users.update(user.withTokensEnded(now.truncatedTo(ChronoUnit.MICROS)));
                revocations.revokeBelow(ended.username(), ended.tokenVersion());
            });
            LOG.warn("Revoked refresh token reused for user {}; ended its {} other sessions", stored.userId(), revoked);
            throw invalidGrant();
        }
        if (stored.expiresAt().isBefore(now)) {
            throw invalidGrant();
        }
        if (refreshTokens.revoke(stored.id(), now) != 1) {
            throw invalidGrant();
        }
        AppUser user = users.findById(stored.userId()).orElseThrow(LoginService::invalidGrant);
        if (!user.enabled()) {
            throw invalidGrant();
        }
        return tokensFor(user, stored.sessionId());
    }

    /** Signs out: the refresh token's whole session ends, its access tokens included. */
    public void logout(String refreshToken) {
        refreshTokens.findByTokenHash(sha256(refreshToken)).ifPresent(stored -> {
            refreshTokens.revokeSession(stored.sessionId(), Instant.now());
            users.findById(stored.userId()).ifPresent(user -> revocations.revokeSession(user.username(), stored.sessionId()));
            LOG.info("Logout of user {}", stored.userId());
        });
    }

    public TokenMessages.TokenResponse serviceToken(String clientId, String clientSecret) {
        ServiceClient client = serviceClients.stream()
                .filter(c -> c.getName().equals(clientId))
                .findFirst().orElse(null);
        boolean ok = client != null && !client.getSecret().isBlank()
                && MessageDigest.isEqual(sha256(client.getSecret()).getBytes(StandardCharsets.UTF_8),
                sha256(clientSecret).getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            LOG.warn("Client credentials refused for client '{}'", loggable(clientId));
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "invalid-client", "Unauthorized",
                    "Unknown client or wrong client secret", Map.of("error", "invalid_client"));
        }
        TokenIssuer.AccessToken token = issuer.forService(client.getName());
        return new TokenMessages.TokenResponse(token.token(), null, "Bearer", token.expiresIn(), client.getName(),
                List.of(org.grantline.shared.security.Roles.SERVICE));
    }

    private TokenMessages.TokenResponse tokensFor(AppUser user, UUID session) {
        TokenIssuer.AccessToken access = issuer.forUser(user.username(), user.displayName(), user.roleList(),
                user.jurisdictionId(), session, user.tokenVersion());
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RefreshToken saved = refreshTokens.save(new RefreshToken(UUID.randomUUID(), user.id(), session, sha256(refresh), now,
                now.plus(refreshLifetime), null));
        // What the sessions list shows: the device and address that last used the session.
        io.micronaut.http.context.ServerRequestContext.currentRequest().ifPresent(request -> {
            String agent = request.getHeaders().get("User-Agent");
            refreshTokens.describe(saved.id(), agent == null ? null : agent.substring(0, Math.min(agent.length(), 200)),
                    addresses.resolve(request));
        });
        return new TokenMessages.TokenResponse(access.token(), refresh, "Bearer", access.expiresIn(), user.username(),
                user.roleList());
    }


    /** Usernames in logs: printable and short, so a crafted name cannot forge log lines. */
    public static String loggable(String value) {
        if (value == null) {
            return "";
        }
        String cleaned = value.replaceAll("[^\\p{Alnum}._@-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }

    private static ProblemException invalidCredentials() {
        return Problems.of(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Unauthorized",
                "Invalid username or password, or the account is locked or disabled");
    }

    private static ProblemException invalidGrant() {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-grant", "Bad Request",
                "The refresh token is invalid, expired or revoked; sign in again", Map.of("error", "invalid_grant"));
    }
}

package org.grantline.gateway.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.grantline.gateway.user.AppUser;
import org.grantline.gateway.user.AppUserRepository;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in, refresh, logout and service tokens. Unknown user, wrong password, disabled and locked
 * accounts all get the same answer, at the same cost. Failures are counted per account: after
 * {@code max-failed-attempts} in a row the account is locked for {@code lockout}.
 */
@Singleton
public class LoginService {
    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppUserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final AuditTrail audit;
    private final List<ServiceClient> serviceClients;
    private final int maxFailedAttempts;
    private final Duration lockout;
    private final Duration refreshLifetime;

    public LoginService(AppUserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
                        TokenIssuer issuer, AuditTrail audit, List<ServiceClient> serviceClients,
                        @Value("${grantline.auth.max-failed-attempts:5}") int maxFailedAttempts,
                        @Value("${grantline.auth.lockout:15m}") Duration lockout,
                        @Value("${grantline.auth.refresh-token-lifetime:8h}") Duration refreshLifetime) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.issuer = issuer;
        this.audit = audit;
        this.serviceClients = serviceClients;
        this.maxFailedAttempts = maxFailedAttempts;
        this.lockout = lockout;
        this.refreshLifetime = refreshLifetime;
    }

    public TokenMessages.TokenResponse login(String username, String password, String clientAddress) {
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<AppUser> found = users.findByUsername(name);
        if (found.isEmpty()) {
            hasher.matchesNothing(password);
            LOG.warn("Login failed: unknown user '{}' from {}", loggable(name), clientAddress);
            throw invalidCredentials();
        }
        AppUser user = found.get();
        Instant now = Instant.now();
        boolean passwordOk = hasher.matches(password, user.passwordHash());
        if (user.lockedAt(now)) {
            LOG.warn("Login refused: account '{}' is locked until {} (attempt from {})", name, user.lockedUntil(), clientAddress);
            throw invalidCredentials();
        }
        if (!passwordOk) {
            users.incrementFailedAttempts(user.id());
            int failures = users.failedAttempts(user.id());
            if (failures >= maxFailedAttempts) {
                Instant until = now.plus(lockout).truncatedTo(ChronoUnit.MICROS);
                users.lockUntil(user.id(), until);
                LOG.warn("Account '{}' locked until {} after {} failed logins (last from {})", name, until, failures, clientAddress);
                audit.recordAs(name, "user.locked", "user", user.id(), null,
                        Map.of("lockedUntil", until.toString(), "failedAttempts", failures));
            } else {
                LOG.warn("Login failed: wrong password for '{}' from {} ({} in a row)", name, clientAddress, failures);
            }
            throw invalidCredentials();
        }
        if (!user.enabled()) {
            LOG.warn("Login refused: account '{}' is disabled (attempt from {})", name, clientAddress);
            throw invalidCredentials();
        }
        users.clearFailures(user.id());
        LOG.info("Login of '{}' from {}", name, clientAddress);
        return tokensFor(user);
    }

    public TokenMessages.TokenResponse refresh(String refreshToken) {
        RefreshToken stored = refreshTokens.findByTokenHash(sha256(refreshToken))
                .orElseThrow(LoginService::invalidGrant);
        Instant now = Instant.now();
        if (stored.revokedAt() != null) {
            // A revoked token presented again may have been stolen: end every session of that user.
            long revoked = refreshTokens.revokeAllOf(stored.userId(), now);
            LOG.warn("Revoked refresh token reused for user {}; revoked its {} other sessions", stored.userId(), revoked);
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
        return tokensFor(user);
    }

    public void logout(String refreshToken) {
        refreshTokens.findByTokenHash(sha256(refreshToken)).ifPresent(stored -> {
            if (refreshTokens.revoke(stored.id(), Instant.now()) == 1) {
                LOG.info("Logout of user {}", stored.userId());
            }
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

    private TokenMessages.TokenResponse tokensFor(AppUser user) {
        TokenIssuer.AccessToken access = issuer.forUser(user.username(), user.displayName(), user.roleList(),
                user.jurisdictionId());
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        refreshTokens.save(new RefreshToken(UUID.randomUUID(), user.id(), sha256(refresh), now,
                now.plus(refreshLifetime), null));
        return new TokenMessages.TokenResponse(access.token(), refresh, "Bearer", access.expiresIn(), user.username(),
                user.roleList());
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Usernames in logs: printable and short, so a crafted name cannot forge log lines. */
    static String loggable(String value) {
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

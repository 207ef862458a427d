package org.grantline.gateway.auth;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.grantline.gateway.mfa.SignInChallengeRepository;
import org.grantline.gateway.passkey.PasskeyChallengeRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Deletes refresh tokens a day after they expired (kept that long so a late replay is still
 * recognised and logged), and second-factor sign-in and passkey challenges a day after they expired.
 * Safe on several gateway replicas: the delete is idempotent.
 */
@Singleton
public class RefreshTokenCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenCleanup.class);

    private final RefreshTokenRepository refreshTokens;
    private final SignInChallengeRepository challenges;
    private final PasskeyChallengeRepository passkeyChallenges;

    public RefreshTokenCleanup(RefreshTokenRepository refreshTokens, SignInChallengeRepository challenges,
                               PasskeyChallengeRepository passkeyChallenges) {
        this.refreshTokens = refreshTokens;
        this.challenges = challenges;
        this.passkeyChallenges = passkeyChallenges;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void deleteExpired() {
        long deleted = refreshTokens.deleteExpired(Instant.now().minus(Duration.ofDays(1)));
        if (deleted > 0) {
            LOG.info("Deleted {} refresh tokens that expired more than a day ago", deleted);
        }
        // Second-factor challenges live minutes; a day later they tell nothing the audit trail does not.
        challenges.deleteExpiredBefore(Instant.now().minus(Duration.ofDays(1)));
        passkeyChallenges.deleteExpiredBefore(Instant.now().minus(Duration.ofDays(1)));
    }
}

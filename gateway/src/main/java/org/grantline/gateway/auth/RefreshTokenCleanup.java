package org.grantline.gateway.auth;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Deletes refresh tokens a day after they expired (kept that long so a late replay is still
 * recognised and logged). Safe on several gateway replicas: the delete is idempotent.
 */
@Singleton
public class RefreshTokenCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenCleanup.class);

    private final RefreshTokenRepository refreshTokens;

    public RefreshTokenCleanup(RefreshTokenRepository refreshTokens) {
        this.refreshTokens = refreshTokens;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void deleteExpired() {
        long deleted = refreshTokens.deleteExpired(Instant.now().minus(Duration.ofDays(1)));
        if (deleted > 0) {
            LOG.info("Deleted {} refresh tokens that expired more than a day ago", deleted);
        }
    }
}

package org.grantline.gateway.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.grantline.shared.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The sign-in throttle (Bucket4j token buckets) on {@code /login}, {@code /web/session} and
 * {@code /oauth/access_token}: each client address may make {@code per-address} attempts a minute
 * and each account is tried at most {@code per-account} times a minute, from anywhere; past that,
 * {@code 429} with {@code Retry-After}. The buckets live in the gateway's PostgreSQL database
 * (Bucket4j's {@code SELECT ... FOR UPDATE} proxy manager), so every replica draws on the same
 * ones.
 */
@Singleton
public class SignInThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(SignInThrottle.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final ProxyManager<String> buckets;
    private final BucketConfiguration perAddress;
    private final BucketConfiguration perAccount;

    public SignInThrottle(DataSource dataSource,
                          @Value("${grantline.auth.throttle.per-address:30}") long perAddress,
                          @Value("${grantline.auth.throttle.per-account:10}") long perAccount) {
        this.buckets = proxyManager(DelegatingDataSource.unwrapDataSource(dataSource));
        this.perAddress = perMinute(perAddress);
        this.perAccount = perMinute(perAccount);
    }

    /** Takes one attempt from the address's bucket and, when the request names one, the account's; 429 when either is empty. */
    public void check(String address, String account) {
        take("address:" + address, perAddress, "from this address");
        if (account != null && !account.isBlank()) {
            take("account:" + account.strip().toLowerCase(Locale.ROOT), perAccount, "for this account");
        }
    }

    private void take(String key, BucketConfiguration configuration, String scope) {
        ConsumptionProbe probe = buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            LOG.warn("Sign-in throttled {} ({}); next attempt in {} s", scope, LoginService.loggable(key), seconds);
            throw new TooManyAttempts(seconds, scope);
        }
    }

    /** Buckets refill completely within a minute of the last attempt: older rows are no use. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void deleteExpired() {
        if (buckets instanceof ExpiredEntriesCleaner cleaner) {
            int removed;
            do {
                removed = cleaner.removeExpired(1000);
            } while (removed == 1000);
        }
    }

    private static BucketConfiguration perMinute(long attempts) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(attempts, WINDOW).build())
                .build();
    }

    private static ProxyManager<String> proxyManager(DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("throttle_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    /** 429 with the seconds to wait. */
    public static final class TooManyAttempts extends ProblemException {
        private final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds, String scope) {
            super(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too Many Requests",
                    "Too many sign-in attempts " + scope + "; try again in " + retryAfterSeconds + " s", Map.of());
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}

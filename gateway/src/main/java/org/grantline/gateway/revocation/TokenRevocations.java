package org.grantline.gateway.revocation;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import org.grantline.gateway.auth.TokenIssuer;
import org.grantline.shared.security.revocation.GatewayRevocationSource;
import org.grantline.shared.security.revocation.RevocationEntry;
import org.grantline.shared.security.revocation.RevocationList;
import org.grantline.shared.security.revocation.RevocationSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The revocation list, kept in the gateway's database ({@code token_revocation}) so that every
 * gateway replica and, through {@code GET /api/internal/revocations}, every service reads the same
 * one. A line is kept until the last token it can apply to has expired, so the list stays short:
 * the sign-outs, disables, re-bindings and password changes of the last quarter of an hour. Inside
 * the gateway this is also the source of shared's {@code RevocationList}, read from the database
 * rather than over HTTP.
 */
@Singleton
@Replaces(GatewayRevocationSource.class)
public class TokenRevocations implements RevocationSource {
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final TransactionOperations<Connection> transactions;
    private final BeanProvider<RevocationList> list;
    private final Duration keep;

    public TokenRevocations(TransactionOperations<Connection> transactions, BeanProvider<RevocationList> list,
                            TokenIssuer issuer, @Value("${grantline.jwt.max-lifetime:15m}") Duration maxLifetime) {
        this.transactions = transactions;
        this.list = list;
        Duration longest = issuer.longestLifetime().compareTo(maxLifetime) > 0 ? issuer.longestLifetime() : maxLifetime;
        this.keep = longest.plus(CLOCK_SKEW);
    }

    /** Every token of this session is refused from now on (the user signed out). */
    public void revokeSession(String subject, UUID session) {
        insert(subject, session, null);
    }

    /** Every token of this subject issued with a version below {@code minVersion} is refused from now on. */
    public void revokeBelow(String subject, long minVersion) {
        insert(subject, null, minVersion);
    }

    @Override
    public List<RevocationEntry> fetch() {
        Instant now = Instant.now();
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement(
                    "SELECT subject, session_id, min_version, expires_at FROM token_revocation WHERE expires_at > ?")) {
                query.setTimestamp(1, Timestamp.from(now));
                List<RevocationEntry> entries = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String subject = rows.getString(1);
                        UUID session = rows.getObject(2, UUID.class);
                        long version = rows.getLong(3);
                        Long minVersion = rows.wasNull() ? null : version;
                        entries.add(new RevocationEntry(subject, session, minVersion, rows.getTimestamp(4).toInstant()));
                    }
                }
                return entries;
            }
        });
    }

    /** Lines whose tokens have all expired are no use; a delete is safe on any number of replicas. */
    @Scheduled(fixedDelay = "5m", initialDelay = "1m")
    void deleteExpired() {
        transactions.executeWrite(status -> {
            try (PreparedStatement delete = status.getConnection().prepareStatement(
                    "DELETE FROM token_revocation WHERE expires_at <= ?")) {
                delete.setTimestamp(1, Timestamp.from(Instant.now()));
                return delete.executeUpdate();
            }
        });
    }

    private void insert(String subject, UUID session, Long minVersion) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWrite(status -> {
            try (PreparedStatement insert = status.getConnection().prepareStatement("""
                    INSERT INTO token_revocation (id, subject, session_id, min_version, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, subject);
                insert.setObject(3, session);
                if (minVersion == null) {
                    insert.setNull(4, java.sql.Types.BIGINT);
                } else {
                    insert.setLong(4, minVersion);
                }
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setTimestamp(6, Timestamp.from(now.plus(keep)));
                insert.executeUpdate();
            }
            // This replica refuses the tokens at once; the others within their next read (1 s).
            status.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    list.get().refresh();
                }
            });
            return null;
        });
    }
}

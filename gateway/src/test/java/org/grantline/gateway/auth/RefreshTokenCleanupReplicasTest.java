package org.grantline.gateway.auth;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways on one database (as ./suite up --replicas runs them) clean up refresh tokens at the
 * same moment. No lock: the cleanup is one DELETE of rows that expired more than a day ago, which
 * two replicas may run together (the second finds the rows gone); this shows it.
 */
class RefreshTokenCleanupReplicasTest {
    static final int LONG_EXPIRED = 3000;
    static final int RECENTLY_EXPIRED = 1000;

    @Test
    void twoGatewaysCleaningUpAtOnceRemoveEveryTokenExpiredOverADayAgoAndKeepTheRest() throws Exception {
        String admin = GatewayTestSupport.unique("root");
        Map<String, Object> properties = new HashMap<>(GatewayTestSupport.properties(admin));
        properties.put("micronaut.server.port", -1);
        String url = (String) properties.get("datasources.default.url");
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "test");
             EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "test");
             Connection db = DriverManager.getConnection(url, "postgres", "")) {
            String refresh = (String) GatewayTestSupport.login(new TestHttp(first.getURL().toString()), admin,
                    GatewayTestSupport.PASSWORD).get("refresh_token");
            UUID user;
            try (PreparedStatement find = db.prepareStatement("SELECT id FROM app_user WHERE username = ?")) {
                find.setString(1, admin);
                try (ResultSet row = find.executeQuery()) {
                    row.next();
                    user = row.getObject(1, UUID.class);
                }
            }
            Instant now = Instant.now();
            insert(db, user, LONG_EXPIRED, now.minus(Duration.ofDays(2)));
            insert(db, user, RECENTLY_EXPIRED, now.minus(Duration.ofHours(1)));   // kept a day, so a late replay is recognised

            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Void>> runs = List.of(first, second).stream().map(gateway -> CompletableFuture.runAsync(() -> {
                RefreshTokenCleanup cleanup = gateway.getApplicationContext().getBean(RefreshTokenCleanup.class);
                try {
                    together.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                cleanup.deleteExpired();
            })).toList();
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(count(db, "expires_at < now() - interval '1 day'")).isZero();
            assertThat(count(db, "expires_at BETWEEN now() - interval '1 day' AND now()")).isEqualTo(RECENTLY_EXPIRED);
            TestHttp.Response refreshed = new TestHttp(second.getURL().toString()).post("/oauth/access_token", null,
                    Map.of("grant_type", "refresh_token", "refresh_token", refresh));
            assertThat(refreshed.status()).as("a live session goes on, at the other gateway").isEqualTo(200);
        }
    }

    private static void insert(Connection db, UUID user, int count, Instant expiresAt) throws Exception {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO refresh_token (id, user_id, token_hash, issued_at, expires_at, session_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, user);
                insert.setString(3, UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""));
                insert.setTimestamp(4, Timestamp.from(expiresAt.minus(Duration.ofHours(8))));
                insert.setTimestamp(5, Timestamp.from(expiresAt));
                insert.setObject(6, UUID.randomUUID());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static long count(Connection db, String where) throws Exception {
        try (var sql = db.createStatement(); ResultSet row = sql.executeQuery("SELECT count(*) FROM refresh_token WHERE " + where)) {
            row.next();
            return row.getLong(1);
        }
    }
}

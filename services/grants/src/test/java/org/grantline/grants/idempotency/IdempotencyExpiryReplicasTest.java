package org.grantline.grants.idempotency;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.grantline.shared.test.ServiceTestSupport;
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
 * Two grants replicas on one database forget old Idempotency-Keys at the same moment. No lock: the
 * expiry is one DELETE of keys older than the retention, which replicas may run together (the
 * second finds the rows gone); this shows it, and that younger keys, finished or still running, stay.
 */
class IdempotencyExpiryReplicasTest {
    static final int OLD = 3000;
    static final int YOUNG = 1000;

    @Test
    void twoReplicasExpiringKeysAtOnceForgetEveryKeyOlderThanTheRetentionAndKeepTheRest() throws Exception {
        Map<String, Object> properties = new HashMap<>(ServiceTestSupport.properties("grants"));
        properties.put("micronaut.server.port", -1);
        properties.put("grantline.idempotency.retention", "24h");
        String url = (String) properties.get("datasources.default.url");
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "test");
             EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "test");
             Connection db = DriverManager.getConnection(url, "postgres", "")) {
            Instant now = Instant.now();
            insert(db, OLD, now.minus(Duration.ofHours(30)), true);
            insert(db, YOUNG / 2, now.minus(Duration.ofHours(1)), true);
            insert(db, YOUNG / 2, now.minus(Duration.ofSeconds(5)), false);   // still running

            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Void>> runs = List.of(first, second).stream().map(replica -> CompletableFuture.runAsync(() -> {
                IdempotencyFilter filter = replica.getApplicationContext().getBean(IdempotencyFilter.class);
                try {
                    together.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                filter.forgetOldKeys();
            })).toList();
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(count(db, "created_at < now() - interval '24 hours'")).isZero();
            assertThat(count(db, "true")).isEqualTo(YOUNG);
            assertThat(count(db, "status IS NULL")).as("keys of requests still running").isEqualTo(YOUNG / 2);
        }
    }

    private static void insert(Connection db, int count, Instant createdAt, boolean finished) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO idempotent_request (caller, idempotency_key, "
                + "request_hash, method, path, status, created_at, completed_at) VALUES (?, ?, ?, 'POST', '/api/awards', ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, "caller-" + (i % 7));
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, "0".repeat(64));
                insert.setObject(4, finished ? 201 : null, java.sql.Types.INTEGER);
                insert.setTimestamp(5, Timestamp.from(createdAt));
                insert.setTimestamp(6, finished ? Timestamp.from(createdAt.plusMillis(40)) : null);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static long count(Connection db, String where) throws Exception {
        try (var sql = db.createStatement(); ResultSet row = sql.executeQuery("SELECT count(*) FROM idempotent_request WHERE " + where)) {
            row.next();
            return row.getLong(1);
        }
    }
}

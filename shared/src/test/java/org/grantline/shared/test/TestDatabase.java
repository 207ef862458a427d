package org.grantline.shared.test;

import java.util.Map;
import java.util.UUID;

/**
 * The database a test's app runs on: a fresh in-memory H2 in PostgreSQL mode by default, or with
 * {@code -Ppostgres} (system property {@code grantline.test.postgres}) the service's own database
 * {@code grantline_test_<service>} on the PostgreSQL at 127.0.0.1:5432, created by .ci/run.
 */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static boolean postgres() {
        String url = System.getProperty("grantline.test.postgres", "");
        return !url.isBlank() && !url.startsWith("${");
    }

    public static Map<String, Object> properties(String service) {
        if (postgres()) {
            return Map.of(
                    "datasources.default.url", System.getProperty("grantline.test.postgres") + "grantline_test_" + service,
                    "datasources.default.username", "postgres",
                    "datasources.default.password", "");
        }
        return Map.of(
                "datasources.default.url", "jdbc:h2:mem:" + service + "-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa",
                "datasources.default.password", "");
    }
}

package org.grantline.shared.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The database a test's app runs on: always a real PostgreSQL, and a fresh database of its own for
 * every application context, so test classes (and test runs in other clones on the same server)
 * never see each other's rows.
 *
 * <p>The server is the one named by the system property {@code grantline.test.postgres} (a JDBC
 * base URL such as {@code jdbc:postgresql://127.0.0.1:5432/}, user {@code postgres}, set by
 * {@code -Ppostgres-server} and by {@code .ci/run}), or else an embedded PostgreSQL started once per
 * test JVM from the binaries inside the {@code io.zonky.test} jar, so that {@code ./mvnw verify}
 * needs nothing but a JDK. Databases made here are dropped when the JVM exits.
 */
public final class TestDatabase {
    private static final List<String> CREATED = new ArrayList<>();
    private static String baseUrl;
    private static EmbeddedPostgres embedded;

    private TestDatabase() {
    }

    /** Whether the tests use a PostgreSQL server named by configuration (rather than an embedded one). */
    public static boolean configuredServer() {
        String url = System.getProperty("grantline.test.postgres", "");
        return !url.isBlank() && !url.startsWith("${");
    }

    /** A fresh, empty database for one app under test. */
    public static Map<String, Object> properties(String service) {
        String url = createDatabase(service);
        return Map.of(
                "datasources.default.url", url,
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.dialect", "POSTGRES");
    }

    /** Creates an empty database on the test server and returns its JDBC URL. */
    public static synchronized String createDatabase(String service) {
        String base = baseUrl();
        String name = "gl_test_" + service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(base + "postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " at " + base, e);
        }
        CREATED.add(name);
        return base + name;
    }

    private static String baseUrl() {
        if (baseUrl != null) {
            return baseUrl;
        }
        if (configuredServer()) {
            String url = System.getProperty("grantline.test.postgres");
            baseUrl = url.endsWith("/") ? url : url + "/";
        } else {
            try {
                // Binaries and data under the module's target/, not the machine's shared /tmp/embedded-pg: an
                // extraction cut short there (a JVM killed or out of memory while unpacking) leaves a directory without
                // bin/ that every later run on the machine trips over; here `mvn clean` or a fresh clone starts anew.
                embedded = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(new java.io.File("target/embedded-pg").getAbsoluteFile())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
            }
            baseUrl = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/";
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAll, "test-database-cleanup"));
        return baseUrl;
    }

    private static synchronized void dropAll() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is exiting; its temporary directory goes with it
            }
            return;
        }
        try (Connection admin = DriverManager.getConnection(baseUrl + "postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            for (String name : CREATED) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException ignored) {
            // a database left behind by a dying JVM is harmless: every test makes its own
        }
    }
}

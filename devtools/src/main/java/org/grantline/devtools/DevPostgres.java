package org.grantline.devtools;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DEVELOPMENT ONLY: the PostgreSQL server of {@code ./suite up}. A real PostgreSQL (io.zonky's
 * binaries come inside a Maven jar, so nothing is installed), its data kept in {@code DATA_DIR}
 * (initdb on first use, reused after), listening on 127.0.0.1 only with trust authentication, and
 * one database per app owned by the role {@code grantline}, as docker-compose has them. It runs
 * until stopped: SIGTERM stops the server cleanly (zonky's shutdown hook: {@code pg_ctl stop -m fast}).
 *
 * <p>Why a launcher and not {@code pg_ctl} from the script: the binaries arrive as an xz archive
 * inside a jar, which the JDK alone cannot unpack; zonky does that, runs initdb and starts the
 * server, and the script keeps only a pid, as for every other app.
 */
public final class DevPostgres {
    public static final String ROLE = "grantline";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private DevPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: devtools.jar postgres DATA_DIR PORT DATABASE...");
            System.exit(2);
        }
        Path data = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        List<String> databases = List.of(args).subList(2, args.length);
        EmbeddedPostgres server = start(data, port);
        createDatabases(port, databases);
        System.out.println("DevPostgres ready on 127.0.0.1:" + port + " (data: " + data + "; databases: "
                + String.join(", ", databases) + "; role " + ROLE + ")");
        System.out.flush();
        Thread.currentThread().join();
        server.close();
    }

    static EmbeddedPostgres start(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                // The PostgreSQL binaries unpack beside the data (data/postgres-binaries), not into the shared /tmp:
                // a first start is then a fresh machine's first start every time the tests begin from a new data
                // directory (about 2.5 s more on 2 cores), and ./data/ holds every runtime file.
                .setOverrideWorkingDirectory(data.resolveSibling("postgres-binaries").toFile())
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                // zonky starts the server with -F (no fsync), which suits throwaway test data; these data are kept.
                .setServerConfig("fsync", "on")
                // --replicas: every instance has a pool of up to 10 connections.
                .setServerConfig("max_connections", "300")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(Redirect.INHERIT)
                .setErrorRedirector(Redirect.INHERIT)
                .start();
    }

    /** The role and each database, where missing. */
    static void createDatabases(int port, List<String> databases) throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
             Statement sql = admin.createStatement()) {
            if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", ROLE)) {
                sql.execute("CREATE ROLE " + ROLE + " LOGIN");
            }
            for (String database : databases) {
                if (!NAME.matcher(database).matches()) {
                    throw new IllegalArgumentException("not a database name: " + database);
                }
                if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    sql.execute("CREATE DATABASE " + database + " OWNER " + ROLE);
                }
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}

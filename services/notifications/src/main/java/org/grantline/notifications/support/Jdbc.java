package org.grantline.notifications.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Plain JDBC for the hot paths (planning's multi-row inserts and row locks, delivery's claims with
 * {@code FOR UPDATE SKIP LOCKED}, batched writes): each row is a record and its {@link Binder} says how it fills a statement, so no row
 * travels as an {@code Object[]}.
 */
public final class Jdbc {
    private Jdbc() {
    }

    /** Fills one statement's parameters in order; an enum is stored by name, an {@link Instant} as a timestamp. */
    public static final class Params {
        private final PreparedStatement ps;
        private int next = 1;

        Params(PreparedStatement ps) {
            this.ps = ps;
        }

        public Params add(Object value) throws SQLException {
            Sql.set(ps, next++, value instanceof Instant i ? Sql.ts(i) : value);
            return this;
        }

        public Params addAll(Collection<?> values) throws SQLException {
            for (Object v : values) {
                add(v);
            }
            return this;
        }
    }

    /** How one row fills the statement's parameters. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(Params p, T row) throws SQLException;
    }

    /** The parameters of a statement run once. */
    @FunctionalInterface
    public interface Setter {
        void set(Params p) throws SQLException;
    }

    /** Reads one result row. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** One statement for every row, sent as one JDBC batch; answers each row's update count. */
    public static <T> int[] batch(Connection c, String sql, Collection<T> rows, Binder<T> binder) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(new Params(ps), row);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /**
     * Inserts the rows {@code perStatement} to a statement ({@code head} then {@code row} repeated, then
     * {@code ON CONFLICT DO NOTHING}: a row whose key exists is left alone); the statement of a full
     * chunk is prepared once and reused. PostgreSQL takes at most 32,767 parameters a statement.
     */
    public static <T> void insertMany(Connection c, String head, String row, List<T> rows, int perStatement, Binder<T> binder)
            throws SQLException {
        int full = rows.size() / perStatement;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(multiRow(head, row, perStatement))) {
                for (int chunk = 0; chunk < full; chunk++) {
                    bindAll(ps, rows.subList(chunk * perStatement, (chunk + 1) * perStatement), binder);
                    ps.executeUpdate();
                }
            }
        }
        List<T> rest = rows.subList(full * perStatement, rows.size());
        if (!rest.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(multiRow(head, row, rest.size()))) {
                bindAll(ps, rest, binder);
                ps.executeUpdate();
            }
        }
    }

    private static String multiRow(String head, String row, int n) {
        StringBuilder sql = new StringBuilder(head.length() + n * (row.length() + 2) + 30).append(head);
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.append(" ON CONFLICT DO NOTHING").toString();
    }

    /** The rows' parameters one after the other, as a multi-row statement takes them. */
    private static <T> void bindAll(PreparedStatement ps, List<T> rows, Binder<T> binder) throws SQLException {
        Params p = new Params(ps);
        for (T row : rows) {
            binder.bind(p, row);
        }
    }

    public static int update(Connection c, String sql, Setter params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            params.set(new Params(ps));
            return ps.executeUpdate();
        }
    }

    public static <T> List<T> list(Connection c, String sql, Setter params, Reader<T> reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            params.set(new Params(ps));
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        }
    }
}

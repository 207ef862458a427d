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
 * Plain JDBC for the delivery hot paths (claims with {@code FOR UPDATE SKIP LOCKED}, batched
 * writes): each row is a record and its {@link Binder} says how it fills a statement, so no row
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

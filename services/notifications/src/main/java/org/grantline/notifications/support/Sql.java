package org.grantline.notifications.support;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Collectors;

/** Small JDBC helpers shared by the hot paths (planning and delivery), which use plain SQL for batching. */
public final class Sql {
    private Sql() {
    }

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** "?, ?, ?" for an IN list. */
    public static String marks(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "?").collect(Collectors.joining(", "));
    }

    /** One parameter; an enum (a status, a channel) is stored by its name. */
    public static void set(PreparedStatement ps, int index, Object value) throws SQLException {
        ps.setObject(index, value instanceof Enum<?> e ? e.name() : value);
    }

    public static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max);
    }
}

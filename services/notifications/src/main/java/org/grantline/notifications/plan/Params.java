package org.grantline.notifications.plan;

import org.grantline.notifications.support.Sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** A statement's parameters bound in order, each by its type (an enum by its name), so that rows stay records. */
final class Params {
    private final PreparedStatement ps;
    private int next = 1;

    Params(PreparedStatement ps) {
        this.ps = ps;
    }

    Params uuid(UUID v) throws SQLException {
        ps.setObject(next++, v);
        return this;
    }

    Params instant(Instant v) throws SQLException {
        ps.setObject(next++, Sql.ts(v));
        return this;
    }

    Params date(LocalDate v) throws SQLException {
        ps.setObject(next++, v);
        return this;
    }

    Params time(LocalTime v) throws SQLException {
        ps.setObject(next++, v);
        return this;
    }

    Params text(String v) throws SQLException {
        ps.setString(next++, v);
        return this;
    }

    Params name(Enum<?> v) throws SQLException {
        ps.setString(next++, v.name());
        return this;
    }

    Params integer(int v) throws SQLException {
        ps.setInt(next++, v);
        return this;
    }

    Params number(long v) throws SQLException {
        ps.setLong(next++, v);
        return this;
    }

    Params bool(boolean v) throws SQLException {
        ps.setBoolean(next++, v);
        return this;
    }
}

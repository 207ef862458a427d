package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Every app's audit trail: the {@code audit_event} table that {@code AuditTrail} writes, made
 * append-only in the database itself: updates, deletes and truncation are refused by PL/pgSQL
 * triggers. Flyway finds this class in {@code db/migration} of every app and runs it right after
 * the app's own V1. (A Java migration, not SQL, only because it lives in shared's jar and every
 * app's Flyway finds it there.)
 */
public class V1_1__Audit_trail extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement sql = connection.createStatement()) {
            sql.execute("""
                    CREATE TABLE audit_event (
                        id           UUID PRIMARY KEY,
                        occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
                        actor        VARCHAR(200) NOT NULL,
                        action       VARCHAR(100) NOT NULL,
                        entity_type  VARCHAR(100) NOT NULL,
                        entity_id    VARCHAR(100),
                        request_id   VARCHAR(64),
                        before_state TEXT,
                        after_state  TEXT
                    )""");
            sql.execute("CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id)");
            sql.execute("CREATE INDEX audit_event_time_idx ON audit_event (occurred_at)");
            sql.execute("""
                    CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger AS $$
                    BEGIN
                      RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
                    END
                    $$ LANGUAGE plpgsql""");
            sql.execute("CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
                    + "FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()");
            sql.execute("CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
                    + "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()");
        }
    }
}

package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes every service's {@code audit_event} table append-only in the database itself: updates,
 * deletes (and, on PostgreSQL, truncation) are refused. Each service creates the table in its
 * V1; this runs right after it, on PostgreSQL with a PL/pgSQL trigger, on H2 with a Java trigger.
 */
public class V1_1__Audit_append_only extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName();
        try (Statement sql = connection.createStatement()) {
            if (product.toLowerCase().contains("postgres")) {
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
            } else if (product.toLowerCase().contains("h2")) {
                sql.execute("CREATE TRIGGER audit_event_append_only BEFORE UPDATE, DELETE ON audit_event "
                        + "FOR EACH ROW CALL \"org.grantline.shared.audit.AppendOnlyTrigger\"");
            } else {
                throw new SQLException("No append-only trigger for " + product);
            }
        }
    }
}

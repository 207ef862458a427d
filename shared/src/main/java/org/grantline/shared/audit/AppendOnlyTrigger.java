package org.grantline.shared.audit;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/** On H2 (the embedded default), refuses updates and deletes of audit events. */
public class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit_event is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused");
    }
}

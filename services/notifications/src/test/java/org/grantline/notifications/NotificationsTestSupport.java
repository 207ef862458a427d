package org.grantline.notifications;

import org.grantline.shared.test.ServiceTestSupport;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** Properties for a notifications app under test: its stand-ins for grants, the jurisdiction service and the gateway, and an SMTP port. */
public final class NotificationsTestSupport {
    private NotificationsTestSupport() {
    }

    public static Map<String, String> properties(GrantsStub grants, JurisdictionStub jurisdictions, int smtpPort) {
        Map<String, String> p = new HashMap<>(ServiceTestSupport.properties("notifications"));
        p.put("micronaut.http.services.grants.urls", grants.url());
        p.put("micronaut.http.services.jurisdiction.urls", jurisdictions.url());
        p.put("grantline.gateway-url", grants.url());
        p.put("grantline.client-secret", "test-only-secret");
        p.put("javamail.properties.mail.smtp.port", String.valueOf(smtpPort));
        p.put("grantline.notifications.doj-officer-email", "doj.officer@doj.test");
        p.put("grantline.notifications.app-url", "https://grantline.test");
        return p;
    }

    /** The feed cursor lives in the database; on PostgreSQL it outlives an earlier run's stand-in. */
    public static void resetFeed(io.micronaut.transaction.TransactionOperations<Connection> tx) {
        tx.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                s.executeUpdate("UPDATE feed_state SET feed_cursor = NULL, window_to = NULL, lease_owner = NULL, lease_until = NULL");
            }
            return null;
        });
    }
}

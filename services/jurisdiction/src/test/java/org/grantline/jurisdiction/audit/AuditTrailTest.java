package org.grantline.jurisdiction.audit;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.grantline.jurisdiction.RegistryTestBase;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.grantline.jurisdiction.RegistryFixtures.TOKENS;
import static org.grantline.jurisdiction.RegistryFixtures.unique;

@MicronautTest(transactional = false)
class AuditTrailTest extends RegistryTestBase {

    @Inject
    DataSource dataSource;

    @Test
    @SuppressWarnings("unchecked")
    void auditorsAndAdminsReadTheTrailWithWhoWhatWhenRequestIdBeforeAndAfter() {
        String county = fixtures.county("WY", unique("Audited County"));
        http.send("POST", "/api/jurisdictions/" + county + "/contacts", TOKENS.dojOfficer(),
                Map.of("name", "Pat", "role", "SHERIFF", "email", "pat@wy.example"), Map.of("X-Request-Id", "audit-" + county));
        TestHttp.Response trail = http.get("/api/jurisdictions/audit?entityType=jurisdiction&entityId=" + county, TOKENS.auditor());
        assertThat(trail.status()).isEqualTo(200);
        List<Map<String, Object>> items = (List<Map<String, Object>>) trail.json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).containsEntry("action", "jurisdiction.created").containsEntry("actor", "test.doj")
                .containsKey("occurredAt").containsKey("afterState");

        List<Map<String, Object>> contacts = (List<Map<String, Object>>) http.get("/api/jurisdictions/audit?entityType=contact&size=100",
                TOKENS.admin()).json().get("items");
        assertThat(contacts).anySatisfy(e -> assertThat(e).containsEntry("requestId", "audit-" + county)
                .containsEntry("action", "contact.added"));

        assertThat(http.get("/api/jurisdictions/audit", TOKENS.dojOfficer()).status()).isEqualTo(403);
        assertThat(http.get("/api/jurisdictions/audit", TOKENS.official(UUID.fromString(county))).status()).isEqualTo(403);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAuditEvents() throws SQLException {
        fixtures.county("WY", unique("Immutable County"));
        DataSource raw = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
        try (Connection connection = raw.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE audit_event SET actor = 'mallory'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM audit_event"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }
}

package org.grantline.documents.document;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.grantline.shared.test.ServiceSecurityContract;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class DocumentsSecurityTest extends ServiceSecurityContract {

    @Inject
    DocumentRepository documents;

    @Override
    protected String service() {
        return "documents";
    }

    @Override
    protected String protectedPath() {
        return "/api/documents";
    }

    @Test
    void anOfficialSeesOnlyTheirOwnJurisdictionsDocuments() {
        UUID baltimore = UUID.randomUUID();
        UUID stockton = UUID.randomUUID();
        String own = "Baltimore certification " + baltimore;
        String other = "Stockton ordinance " + stockton;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        documents.save(Document.record(UUID.randomUUID(), baltimore, "CERTIFICATION", own, now));
        documents.save(Document.record(UUID.randomUUID(), stockton, "POLICY", other, now));

        TestHttp.Response official = http.get("/api/documents?size=100", TOKENS.official(baltimore));
        assertThat(official.status()).isEqualTo(200);
        assertThat(official.body()).contains(own).doesNotContain(other);
        assertThat(((Number) official.json().get("total")).longValue()).isEqualTo(1);

        TestHttp.Response auditor = http.get("/api/documents?size=100", TOKENS.auditor());
        assertThat(auditor.body()).contains(own).contains(other);
    }

    @Test
    void oneDocumentIsReadableByItsJurisdictionDojAuditorsAndServicesOnly() {
        UUID baltimore = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        documents.save(Document.record(document, baltimore, "CERTIFICATION", "Signed 1373 form",
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
        assertThat(http.get("/api/documents/" + document, TOKENS.legalOfficer(baltimore)).json())
                .containsEntry("jurisdictionId", baltimore.toString());
        assertThat(http.get("/api/documents/" + document, TOKENS.service("grants")).status()).isEqualTo(200);
        assertThat(http.get("/api/documents/" + document, TOKENS.dojOfficer()).status()).isEqualTo(200);
        TestHttp.Response other = http.get("/api/documents/" + document, TOKENS.official(UUID.randomUUID()));
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("Signed 1373 form");
        assertThat(http.get("/api/documents/" + UUID.randomUUID(), TOKENS.auditor()).status()).isEqualTo(404);
    }
}

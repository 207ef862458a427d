package org.grantline.documents.document;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.documents.support.DocumentsTestSupport;
import org.grantline.documents.support.GrantsStub;
import org.grantline.documents.support.Uploads;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document filed under an award, requirement or submission names them by id; each is confirmed
 * with the grants service (as the documents service itself) to be the jurisdiction's own and to
 * belong together. Otherwise: 400 naming the field, or 503 when grants cannot say; nothing stored,
 * and the document never shows up under another jurisdiction's award.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadReferenceTest implements TestPropertyProvider {
    static final TestTokens TOKENS = TestTokens.shared();
    final Path store = DocumentsTestSupport.freshStore();
    final GrantsStub grants = new GrantsStub();
    final UUID baltimore = UUID.randomUUID();
    final UUID chicago = UUID.randomUUID();

    @Inject
    EmbeddedServer server;
    @Inject
    DocumentVersionRepository versions;
    Uploads uploads;
    TestHttp http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = DocumentsTestSupport.properties(store);
        p.put("micronaut.http.services.grants.urls", grants.url());
        return p;
    }

    @BeforeAll
    void clients() {
        uploads = new Uploads(server.getURL().toString());
        http = new TestHttp(server.getURL().toString());
    }

    @AfterAll
    void stop() {
        grants.close();
    }

    Uploads.Response upload(String token, Map<String, String> fields) {
        Uploads.Body body = Uploads.body().field("kind", "CERTIFICATION").field("title", Uploads.title());
        fields.forEach(body::field);
        return uploads.post("/api/documents", token, body.file("form.pdf", Uploads.pdf("signed")).end());
    }

    void assertNothingStored(long before) {
        assertThat(versions.count()).isEqualTo(before);
        assertThat(DocumentsTestSupport.files(store, "tmp")).isZero();
    }

    @Test
    void ownReferencesThatBelongTogetherAreFiled() {
        UUID award = grants.award(baltimore);
        UUID requirement = grants.requirement(baltimore, award);
        UUID submission = grants.submission(baltimore, requirement);
        Uploads.Response filed = upload(TOKENS.legalOfficer(baltimore), Map.of("awardId", award.toString(),
                "requirementId", requirement.toString(), "submissionId", submission.toString()));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        assertThat(filed.body()).contains(award.toString(), requirement.toString(), submission.toString());
    }

    @Test
    void anotherJurisdictionsAwardRequirementOrSubmissionIsRefusedNamingTheField() {
        UUID theirAward = grants.award(chicago);
        UUID theirRequirement = grants.requirement(chicago, theirAward);
        UUID theirSubmission = grants.submission(chicago, theirRequirement);
        long before = versions.count();
        for (Map.Entry<String, UUID> field : Map.of("awardId", theirAward, "requirementId", theirRequirement,
                "submissionId", theirSubmission, "awardId ", UUID.randomUUID()).entrySet()) {
            String name = field.getKey().strip();
            Uploads.Response refused = upload(TOKENS.official(baltimore), Map.of(name, field.getValue().toString()));
            assertThat(refused.status()).as(field + " -> " + refused).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
            assertThat(refused.body()).contains("\"field\":\"" + name + "\"");
        }
        assertNothingStored(before);
        TestHttp.Response underTheirAward = http.get("/api/documents?awardId=" + theirAward, TOKENS.dojOfficer());
        assertThat(underTheirAward.json()).containsEntry("total", 0);
    }

    @Test
    void referencesThatDoNotBelongTogetherAreRefused() {
        UUID award = grants.award(baltimore);
        UUID otherAward = grants.award(baltimore);
        UUID requirement = grants.requirement(baltimore, otherAward);
        long before = versions.count();
        Uploads.Response refused = upload(TOKENS.legalOfficer(baltimore), Map.of("awardId", award.toString(),
                "requirementId", requirement.toString()));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"requirementId\"");
        assertNothingStored(before);
    }

    @Test
    void dojTiesADocumentToAnAwardOnlyWithTheAwardsJurisdiction() {
        UUID award = grants.award(chicago);
        Uploads.Body letter = Uploads.body().field("kind", "DOJ_LETTER").field("title", Uploads.title())
                .field("awardId", award.toString());
        Uploads.Response noJurisdiction = uploads.post("/api/documents", TOKENS.dojOfficer(),
                letter.file("letter.pdf", Uploads.pdf("letter")).end());
        assertThat(noJurisdiction.status()).as(noJurisdiction.toString()).isEqualTo(400);
        assertThat(noJurisdiction.body()).contains("\"field\":\"jurisdictionId\"");
        Uploads.Response filed = uploads.post("/api/documents", TOKENS.dojOfficer(), Uploads.body().field("kind", "DOJ_LETTER")
                .field("title", Uploads.title()).field("awardId", award.toString()).field("jurisdictionId", chicago.toString())
                .file("letter.pdf", Uploads.pdf("letter")).end());
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
    }

    @Test
    void withTheGrantsServiceDownNothingIsStoredAndUnreferencedUploadsGoOn() {
        UUID award = grants.award(baltimore);
        long before = versions.count();
        grants.failing = true;
        try {
            Uploads.Response response = upload(TOKENS.legalOfficer(baltimore), Map.of("awardId", award.toString()));
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.isProblem()).isTrue();
            assertNothingStored(before);
            int asked = grants.checks.get();
            assertThat(upload(TOKENS.legalOfficer(baltimore), Map.of()).status()).isEqualTo(201);
            assertThat(grants.checks.get()).as("no reference, no question").isEqualTo(asked);
        } finally {
            grants.failing = false;
        }
        assertThat(List.of(versions.count())).containsExactly(before + 1);
    }
}

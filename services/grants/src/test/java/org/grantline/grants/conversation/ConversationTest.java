package org.grantline.grants.conversation;

import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads between DOJ and a jurisdiction on a requirement and on a demand, and DOJ's internal notes:
 * the jurisdiction's people never see a note (not in the thread, not by any count), cannot write one,
 * and can attach only their own jurisdiction's documents; auditors read everything and write nothing.
 */
class ConversationTest extends GrantsServiceTest {
    final UUID baltimore = UUID.randomUUID();
    final UUID chicago = UUID.randomUUID();

    String requirement;
    String demand;

    @BeforeAll
    void aRequirementAndADemandOfBaltimore() {
        jurisdictions.add(baltimore, "America/New_York", "MD");
        jurisdictions.add(chicago, "America/Chicago", "IL");
        String program = GrantsFixtures.program(http, "CV");
        GrantsFixtures.certification1373(http, program);
        TestHttp.Response award = GrantsFixtures.award(http, Map.of("jurisdictionId", baltimore.toString(), "programId", program,
                "fiscalYear", 2017, "amount", "5000.00", "awardDate", "2017-09-01", "certificationDueDate", "2099-01-01"));
        requirement = GrantsFixtures.firstRequirement(http, award);
        TestHttp.Response letter = http.post("/api/letters", TOKENS.dojOfficer(), Map.of("subject", "Documents by the deadline",
                "body", "Answer the questions.", "deadlineDate", "2199-12-08",
                "questions", List.of(Map.of("text", "Your policy?", "signerRole", "JURISDICTION_OFFICIAL")),
                "recipients", Map.of("jurisdictionIds", List.of(baltimore.toString()))));
        assertThat(letter.status()).as(letter.toString()).isEqualTo(201);
        demand = (String) ((Map<?, ?>) ((List<?>) letter.json().get("demands")).get(0)).get("id");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> messages(TestHttp.Response thread) {
        assertThat(thread.status()).as(thread.toString()).isEqualTo(200);
        return (List<Map<String, Object>>) thread.json().get("messages");
    }

    @Test
    void dojAndTheJurisdictionWriteToEachOtherAndTheNoteStaysWithDoj() {
        for (String path : List.of("/api/certifications/requirements/" + requirement + "/messages", "/api/letters/demands/" + demand + "/messages")) {
            TestHttp.Response asked = http.post(path, TOKENS.dojOfficer(), Map.of("body", "Please send the jail access policy."));
            assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
            assertThat(asked.header("Location")).isEqualTo(path);
            assertThat(asked.json()).containsEntry("visibility", "SHARED").containsEntry("authorRole", "DOJ_OFFICER");
            String secret = "Internal: OLP thinks the 48-hour answer is evasive " + UUID.randomUUID();
            TestHttp.Response note = http.post(path, TOKENS.dojOfficer(), Map.of("body", secret, "internal", true));
            assertThat(note.status()).as(note.toString()).isEqualTo(201);
            assertThat(note.json()).containsEntry("visibility", "INTERNAL");
            UUID ours = documents.document(baltimore);
            TestHttp.Response answered = http.post(path, TOKENS.official(baltimore), Map.of("body", "Attached, as asked.",
                    "documentIds", List.of(ours.toString())));
            assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
            assertThat(answered.json()).containsEntry("authorRole", "JURISDICTION_OFFICIAL")
                    .containsEntry("documentIds", List.of(ours.toString()));

            // The jurisdiction's people see the exchange in order, and nothing of the note.
            for (String token : List.of(TOKENS.official(baltimore), TOKENS.legalOfficer(baltimore))) {
                TestHttp.Response theirs = http.get(path, token);
                assertThat(messages(theirs)).extracting(m -> m.get("body"))
                        .containsExactly("Please send the jail access policy.", "Attached, as asked.");
                assertThat(theirs.body()).doesNotContain(secret).doesNotContain("INTERNAL");
            }
            // DOJ, admins and auditors see all three.
            for (String token : List.of(TOKENS.dojOfficer(), TOKENS.admin(), TOKENS.auditor())) {
                assertThat(messages(http.get(path, token))).extracting(m -> m.get("visibility"))
                        .containsExactly("SHARED", "INTERNAL", "SHARED");
            }
        }
        String trail = http.get("/api/programs/audit?entityType=conversation-message", TOKENS.auditor()).body();
        assertThat(trail).contains("conversation.message-posted").contains("conversation.note-added").contains(requirement).contains(demand);
    }

    @Test
    void theJurisdictionCannotWriteANoteNorAttachAnotherJurisdictionsDocument() {
        String path = "/api/certifications/requirements/" + requirement + "/messages";
        TestHttp.Response note = http.post(path, TOKENS.legalOfficer(baltimore), Map.of("body", "note to self", "internal", true));
        assertThat(note.status()).as(note.toString()).isEqualTo(403);
        assertThat(note.isProblem()).isTrue();
        TestHttp.Response foreign = http.post(path, TOKENS.official(baltimore), Map.of("body", "theirs",
                "documentIds", List.of(documents.document(chicago).toString())));
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        assertThat(foreign.body()).contains("does not belong to the jurisdiction");
        assertThat(messages(http.get(path, TOKENS.dojOfficer()))).extracting(m -> m.get("body")).doesNotContain("note to self", "theirs");
    }

    @Test
    void anotherJurisdictionLearnsNothingAndAuditorsAndServicesWriteNothing() {
        for (String path : List.of("/api/certifications/requirements/" + requirement + "/messages", "/api/letters/demands/" + demand + "/messages")) {
            assertThat(http.get(path, TOKENS.official(chicago)).status()).isEqualTo(404);
            assertThat(http.post(path, TOKENS.official(chicago), Map.of("body", "hello")).status()).isEqualTo(404);
            assertThat(http.post(path, TOKENS.auditor(), Map.of("body", "hello")).status()).isEqualTo(403);
            assertThat(http.post(path, TOKENS.service("notifications"), Map.of("body", "hello")).status()).isEqualTo(403);
            assertThat(http.get(path, TOKENS.service("notifications")).status()).isEqualTo(403);
            assertThat(http.get(path, null).status()).isEqualTo(401);
        }
        assertThat(http.get("/api/certifications/requirements/" + UUID.randomUUID() + "/messages", TOKENS.dojOfficer()).status())
                .isEqualTo(404);
    }

    @Test
    void aMessageIsRefusedWithFieldErrorsWhenEmptyTooLongOrMalformed() {
        String path = "/api/letters/demands/" + demand + "/messages";
        for (Object body : List.of(Map.of("body", "  "), Map.of("body", "x".repeat(10_001)), Map.of("body", "ok", "documentIds", List.of("nope")),
                Map.of("body", "ok", "internal", "maybe"), Map.of("text", "wrong field"))) {
            TestHttp.Response refused = http.post(path, TOKENS.dojOfficer(), body);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
        }
        TestHttp.Response unknownDocument = http.post(path, TOKENS.dojOfficer(), Map.of("body", "see attached",
                "documentIds", List.of(UUID.randomUUID().toString())));
        assertThat(unknownDocument.status()).as(unknownDocument.toString()).isEqualTo(400);
        documents.failing = true;
        try {
            TestHttp.Response down = http.post(path, TOKENS.official(baltimore), Map.of("body", "see attached",
                    "documentIds", List.of(documents.document(baltimore).toString())));
            assertThat(down.status()).as(down.toString()).isEqualTo(503);
        } finally {
            documents.failing = false;
        }
    }
}

package org.grantline.grants.letters;

import org.grantline.grants.api.SignerRole;

import jakarta.inject.Inject;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Demand letters to many jurisdictions: recipients by the registry's filters, answers, DOJ's review, closing. */
class LetterTest extends GrantsServiceTest {
    final UUID berkeley = UUID.randomUUID();
    final UUID santaClara = UUID.randomUUID();
    final UUID fresno = UUID.randomUUID();
    final UUID burlington = UUID.randomUUID();

    @Inject
    LetterService letters;

    @BeforeAll
    void registry() {
        jurisdictions.add(berkeley, "Berkeley", "America/Los_Angeles", "CA", "CITY", "HONOURS_NONE");
        jurisdictions.add(santaClara, "Santa Clara County", "America/Los_Angeles", "CA", "COUNTY", "HONOURS_NONE");
        jurisdictions.add(fresno, "Fresno", "America/Los_Angeles", "CA", "CITY", "HONOURS_ALL");
        jurisdictions.add(burlington, "Burlington", "America/New_York", "VT", "CITY", "HONOURS_NONE");
    }

    static Map<String, Object> letter(Map<String, Object> recipients, String deadline) {
        return Map.of("subject", "Preliminary assessment of your compliance with 8 U.S.C. 1373",
                "body", "Please respond by the deadline below.",
                "questions", List.of(
                        Map.of("text", "Describe your policies on sharing immigration-status information.", "signerRole", "JURISDICTION_OFFICIAL"),
                        Map.of("text", "Certify, under penalty of perjury, that the jurisdiction complies with 8 U.S.C. 1373.", "signerRole", "LEGAL_OFFICER")),
                "deadlineDate", deadline, "recipients", recipients);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @Test
    void aLetterToEveryCaliforniaJurisdictionThatDeclinesDetainersMakesOneDemandEachDueInItsOwnTime() {
        Map<String, Object> filter = Map.of("state", "CA", "detainerPolicy", "HONOURS_NONE");
        TestHttp.Response preview = http.post("/api/letters/recipients", TOKENS.dojOfficer(), filter);
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json()).containsEntry("count", 2);

        TestHttp.Response sent = http.post("/api/letters", TOKENS.dojOfficer(), letter(filter, "2199-12-08"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String letterId = (String) sent.json().get("id");
        List<Map<String, Object>> demands = list(sent.json().get("demands"));
        assertThat(demands).extracting(d -> d.get("jurisdictionName")).containsExactly("Berkeley", "Santa Clara County");
        assertThat(demands.get(0)).containsEntry("status", "AWAITING").containsEntry("deadline", "2199-12-09T01:00:00Z")
                .containsEntry("deadlineLocalTime", "17:00:00").containsEntry("timeZone", "America/Los_Angeles");
        String audit = http.get("/api/programs/audit?entityType=demand-letter&entityId=" + letterId, TOKENS.auditor()).body();
        assertThat(audit.split("letter.sent", -1)).as("one audit record for the whole letter").hasSize(2);
        assertThat(audit).contains(berkeley.toString()).contains(santaClara.toString());

        // a named list alone, confirmed with the registry; Vermont is another zone
        TestHttp.Response named = http.post("/api/letters", TOKENS.dojOfficer(),
                letter(Map.of("jurisdictionIds", List.of(burlington.toString())), "2199-12-08"));
        assertThat(list(named.json().get("demands")).get(0)).containsEntry("deadline", "2199-12-08T22:00:00Z");
        assertThat(http.post("/api/letters", TOKENS.dojOfficer(), letter(Map.of("jurisdictionIds",
                List.of(UUID.randomUUID().toString())), "2199-12-08")).status()).isEqualTo(400);
        assertThat(http.post("/api/letters", TOKENS.dojOfficer(), letter(Map.of(), "2199-12-08")).body()).contains("recipients");
        assertThat(http.post("/api/letters", TOKENS.dojOfficer(), letter(filter, "2017-12-08")).body())
                .as("a deadline that has passed").contains("deadlineDate");
        assertThat(http.post("/api/letters", TOKENS.dojOfficer(), letter(filter, "2200-01-01")).status()).isEqualTo(400);
        assertThat(http.post("/api/letters", TOKENS.dojOfficer(), letter(Map.of("state", "CA", "sanctuary", "yes"), "2199-12-08"))
                .body()).as("strict JSON").contains("sanctuary");
        assertThat(http.post("/api/letters", TOKENS.auditor(), letter(filter, "2199-12-08")).status()).isEqualTo(403);
        assertThat(http.post("/api/letters", TOKENS.official(berkeley), letter(filter, "2199-12-08")).status()).isEqualTo(403);
    }

    @Test
    void theOfficialAnswersTheLegalOfficerSignsAndDojAsksForMoreThenAccepts() {
        TestHttp.Response sent = http.post("/api/letters", TOKENS.dojOfficer(), letter(Map.of("state", "CA", "type", "CITY",
                "detainerPolicy", "HONOURS_NONE"), "2199-06-30"));
        String letterId = (String) sent.json().get("id");
        String demand = (String) list(sent.json().get("demands")).get(0).get("id");
        Map<String, Object> detail = http.get("/api/letters/demands/" + demand, TOKENS.official(berkeley)).json();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> questions = list(((Map<String, Object>) detail.get("letter")).get("questions"));
        String policyQ = (String) questions.get(0).get("id");
        String signedQ = (String) questions.get(1).get("id");

        assertThat(http.get("/api/letters/demands/" + demand, TOKENS.official(santaClara)).status()).as("another's").isEqualTo(404);
        assertThat(http.get("/api/letters/" + letterId, TOKENS.official(santaClara)).status()).isEqualTo(404);
        assertThat(http.get("/api/letters", TOKENS.official(berkeley)).status()).isEqualTo(403);
        assertThat(http.get("/api/letters/demands", TOKENS.official(santaClara)).body()).as("not a recipient").doesNotContain(letterId);
        assertThat(http.get("/api/letters/demands?jurisdictionId=" + berkeley, TOKENS.official(santaClara)).status()).isEqualTo(404);
        assertThat(http.get("/api/letters/demands", TOKENS.official(berkeley)).body()).contains(demand);

        UUID memo = documents.document(berkeley);
        TestHttp.Response own = http.post("/api/letters/demands/" + demand + "/answers", TOKENS.official(berkeley),
                Map.of("answers", List.of(Map.of("questionId", policyQ, "text", "Our policy is attached.", "documentIds", List.of(memo.toString())))));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json()).containsEntry("status", "AWAITING");
        assertThat(http.post("/api/letters/demands/" + demand + "/answers", TOKENS.official(berkeley),
                Map.of("answers", List.of(Map.of("questionId", policyQ, "text", "x", "documentIds",
                        List.of(documents.document(santaClara).toString()))))).status()).as("another's document").isEqualTo(400);
        assertThat(http.post("/api/letters/demands/" + demand + "/answers", TOKENS.official(berkeley),
                Map.of("answers", List.of(Map.of("questionId", signedQ, "text", "We comply.")))).status())
                .as("a signature is the legal officer's").isEqualTo(403);
        assertThat(http.post("/api/letters/demands/" + demand + "/answers", TOKENS.legalOfficer(santaClara),
                Map.of("answers", List.of(Map.of("questionId", signedQ, "text", "We comply.")))).status()).isEqualTo(404);
        Map<String, Object> signature = Map.of("answers", List.of(Map.of("questionId", signedQ, "text", "We comply.")),
                "signerName", "Farimah Brown", "signerTitle", "City Attorney", "attestation", "I certify this under penalty of perjury.",
                "agreed", true);
        assertThat(http.post("/api/letters/demands/" + demand + "/answers", TOKENS.legalOfficer(berkeley),
                Map.of("answers", List.of(Map.of("questionId", signedQ, "text", "We comply.")))).body()).contains("signerName");
        TestHttp.Response signedAnswer = http.post("/api/letters/demands/" + demand + "/answers", TOKENS.legalOfficer(berkeley), signature);
        assertThat(signedAnswer.json()).containsEntry("status", "ANSWERED");

        Map<String, Object> letter = http.get("/api/letters/" + letterId, TOKENS.auditor()).json();
        assertThat(letter).containsEntry("recipients", 1).containsEntry("answered", 1).containsEntry("late", 0);
        assertThat(http.post("/api/letters/demands/" + demand + "/decision", TOKENS.auditor(), Map.of("decision", "ACCEPTED")).status())
                .isEqualTo(403);
        assertThat(http.post("/api/letters/demands/" + demand + "/decision", TOKENS.dojOfficer(), Map.of("decision", "MORE_REQUESTED"))
                .body()).contains("note");
        TestHttp.Response more = http.post("/api/letters/demands/" + demand + "/decision", TOKENS.dojOfficer(),
                Map.of("decision", "MORE_REQUESTED", "note", "Attach the jail's written policy."));
        assertThat(more.json()).containsEntry("status", "MORE_REQUESTED").containsEntry("round", 2);
        assertThat(http.get("/api/letters/demands/" + demand, TOKENS.official(berkeley)).body()).contains("Attach the jail's written policy.");

        http.post("/api/letters/demands/" + demand + "/answers", TOKENS.official(berkeley),
                Map.of("answers", List.of(Map.of("questionId", policyQ, "text", "The jail's policy is attached."))));
        assertThat(http.post("/api/letters/demands/" + demand + "/answers", TOKENS.legalOfficer(berkeley), signature).json())
                .containsEntry("status", "ANSWERED");
        assertThat(http.post("/api/letters/demands/" + demand + "/decision", TOKENS.dojOfficer(), Map.of("decision", "ACCEPTED")).json())
                .containsEntry("status", "ACCEPTED").containsEntry("decidedBy", "test.doj");
        assertThat(http.post("/api/letters/demands/" + demand + "/decision", TOKENS.dojOfficer(), Map.of("decision", "ACCEPTED")).status())
                .isEqualTo(409);
        assertThat(http.post("/api/letters/demands/" + demand + "/answers", TOKENS.official(berkeley),
                Map.of("answers", List.of(Map.of("questionId", policyQ, "text", "late addition")))).status()).isEqualTo(409);
        assertThat(http.get("/api/programs/audit?entityType=demand&entityId=" + demand, TOKENS.auditor()).body())
                .contains("demand.answered").contains("demand.more-requested").contains("demand.accepted");
    }

    @Test
    void dojSeesWhoIsLateAndClosingTheLetterClosesWhatIsStillOpen() {
        var view = letters.send(new LetterMessages.LetterCommand("Documents by 8 December 2017", "Respond by 8 December 2017.",
                List.of(new LetterMessages.QuestionCommand("Your documents?", SignerRole.JURISDICTION_OFFICIAL)), null,
                LocalDate.of(2017, 12, 8), null, new LetterMessages.RecipientFilter("CA", null, null, null,
                org.grantline.jurisdiction.api.DetainerPolicy.HONOURS_NONE, null, null, null)),
                new Caller("test.doj", List.of(Roles.DOJ_OFFICER), Optional.empty()), true);
        String id = view.id().toString();
        assertThat(http.get("/api/letters/" + id, TOKENS.dojOfficer()).json()).containsEntry("late", 2).containsEntry("recipients", 2);
        assertThat(list(http.get("/api/letters/demands", TOKENS.official(berkeley)).jsonList().stream()
                .filter(d -> ((Map<?, ?>) d).get("letterId").equals(id)).toList())).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("late", true));
        TestHttp.Response closed = http.post("/api/letters/" + id + "/close", TOKENS.dojOfficer(), Map.of("reason", "Superseded by the January letter"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json()).containsEntry("status", "CLOSED").containsEntry("late", 0);
        assertThat(list(closed.json().get("demands"))).allSatisfy(d -> assertThat(d).containsEntry("status", "CLOSED"));
        assertThat(http.post("/api/letters/" + id + "/close", TOKENS.dojOfficer(), Map.of()).status()).isEqualTo(409);
    }
}

package org.grantline.grants.letters;

import org.grantline.grants.api.SignerRole;

import io.micronaut.http.HttpStatus;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.grants.certification.Deadlines;
import org.grantline.grants.document.DocumentLinks;
import org.grantline.grants.letters.LetterMessages.AnswerCommand;
import org.grantline.grants.letters.LetterMessages.AnswerItem;
import org.grantline.grants.letters.LetterMessages.AnswerView;
import org.grantline.grants.letters.LetterMessages.DecisionCommand;
import org.grantline.grants.letters.LetterMessages.DemandDetail;
import org.grantline.grants.letters.LetterMessages.DemandView;
import org.grantline.grants.letters.LetterMessages.LetterCommand;
import org.grantline.grants.letters.LetterMessages.LetterView;
import org.grantline.grants.letters.LetterMessages.QuestionView;
import org.grantline.grants.letters.LetterMessages.Recipient;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.io.IOException;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Demand letters. Sending one makes a tracked demand per recipient (its deadline the letter's local
 * date and time in the recipient's own zone) and one audit record. Recipients answer question by
 * question — an official, or the legal officer signing where the question needs a signature — and the
 * demand is ANSWERED once every question has an answer in its current round. DOJ accepts it, asks for
 * more (a new round), or closes the letter. Remote checks (registry, documents) run before the
 * transaction; a change racing another on the same demand loses its optimistic lock (409).
 */
@Singleton
public class LetterService {
    static final String LETTER = "demand-letter";
    static final String DEMAND = "demand";
    static final LocalTime DEFAULT_TIME = LocalTime.of(17, 0);

    private final DemandLetterRepository letters;
    private final LetterQuestionRepository questions;
    private final DemandRepository demands;
    private final DemandAnswerRepository answers;
    private final LetterRecipients recipients;
    private final DocumentLinks documents;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final TransactionOperations<Connection> transactions;

    public LetterService(DemandLetterRepository letters, LetterQuestionRepository questions, DemandRepository demands,
                         DemandAnswerRepository answers, LetterRecipients recipients, DocumentLinks documents,
                         AuditTrail audit, ObjectMapper json, TransactionOperations<Connection> transactions) {
        this.letters = letters;
        this.questions = questions;
        this.demands = demands;
        this.answers = answers;
        this.recipients = recipients;
        this.documents = documents;
        this.audit = audit;
        this.json = json;
        this.transactions = transactions;
    }

    public List<Recipient> preview(LetterMessages.RecipientFilter filter) {
        return recipients.find(filter);
    }

    /** Sends a letter; a deadline that has already passed is refused unless {@code allowPast} (the 2017 demo letters). */
    public LetterView send(LetterCommand command, Caller caller, boolean allowPast) {
        LocalTime time = command.deadlineTime() == null ? DEFAULT_TIME : command.deadlineTime().truncatedTo(ChronoUnit.MINUTES);
        List<Recipient> to = recipients.find(command.recipients());
        if (to.isEmpty()) {
            throw Problems.invalid("recipients", "no jurisdiction matches these filters; nothing was sent");
        }
        Instant now = now();
        if (!allowPast && to.stream().anyMatch(r -> !Deadlines.instant(command.deadlineDate(), time, ZoneId.of(r.timeZone())).isAfter(now))) {
            throw Problems.invalid("deadlineDate", "the response deadline has already passed for some recipients");
        }
        List<UUID> documentIds = command.documentIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(command.documentIds()));
        documents.requireExisting(documentIds);
        String filter;
        try {
            filter = json.writeValueAsString(command.recipients());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return transactions.executeWrite(status -> {
            DemandLetter letter = letters.save(new DemandLetter(UUID.randomUUID(), command.subject().strip(), command.body().strip(),
                    join(documentIds), command.deadlineDate(), time, filter, DemandLetter.Status.OPEN, caller.subject(), now,
                    null, null, null));
            for (int i = 0; i < command.questions().size(); i++) {
                var q = command.questions().get(i);
                questions.save(new LetterQuestion(UUID.randomUUID(), letter.id(), i + 1, q.text().strip(), q.signerRole()));
            }
            List<Demand> made = new ArrayList<>();
            for (Recipient r : to) {
                ZoneId zone = ZoneId.of(r.timeZone());
                made.add(new Demand(UUID.randomUUID(), letter.id(), r.id(), r.name(), r.state(), zone.getId(), command.deadlineDate(),
                        time, Deadlines.instant(command.deadlineDate(), time, zone), Demand.Status.AWAITING, 1, null, null, null,
                        now, now, null));
            }
            demands.saveAll(made);
            LetterView view = view(letter, true, null);
            audit.record("letter.sent", LETTER, letter.id(), null, Map.of("letter", withoutDemands(view),
                    "recipients", to.stream().map(Recipient::id).toList()));
            return view;
        });
    }

    public List<LetterView> list(Caller caller) {
        if (!caller.seesAllJurisdictions()) {
            throw Problems.forbidden("Letters are listed for DOJ and auditors; a jurisdiction reads its own demands");
        }
        return letters.findAllOrderBySentAtDesc().stream().map(l -> view(l, false, null)).toList();
    }

    public LetterView get(UUID id, Caller caller) {
        DemandLetter letter = letters.findById(id).orElseThrow(() -> Problems.notFound("No letter " + id));
        if (caller.seesAllJurisdictions()) {
            return view(letter, true, null);
        }
        UUID own = caller.jurisdictionId().orElseThrow(() -> Problems.notFound("No letter " + id));
        if (demands.findByLetterIdOrderByJurisdictionName(id).stream().noneMatch(d -> d.jurisdictionId().equals(own))) {
            throw Problems.notFound("No letter " + id);
        }
        return view(letter, true, own);
    }

    /** A jurisdiction's demands (its own only); DOJ and auditors name the jurisdiction or see all. */
    public List<DemandView> demandsOf(UUID jurisdictionId, Caller caller) {
        if (!caller.seesAllJurisdictions()) {
            UUID own = caller.jurisdictionId().orElseThrow(() -> Problems.forbidden("Your account is not bound to a jurisdiction"));
            if (jurisdictionId != null && !jurisdictionId.equals(own)) {
                throw Problems.notFound("No jurisdiction " + jurisdictionId);
            }
            jurisdictionId = own;
        }
        List<Demand> rows = jurisdictionId == null ? demands.findAll() : demands.findByJurisdictionIdOrderByDeadlineAt(jurisdictionId);
        Map<UUID, String> subjects = new HashMap<>();
        Instant now = Instant.now();
        return rows.stream().map(d -> demandView(d, subjects.computeIfAbsent(d.letterId(),
                l -> letters.findById(l).map(DemandLetter::subject).orElse("")), now, null)).toList();
    }

    public DemandDetail demand(UUID id, Caller caller) {
        Demand d = readable(id, caller);
        DemandLetter letter = letters.findById(d.letterId()).orElseThrow();
        LetterView letterView = view(letter, false, null);
        return new DemandDetail(demandView(d, letter.subject(), Instant.now(), answers.findByDemandIdOrderByAnsweredAt(id)), letterView);
    }

    public DemandView answer(UUID id, AnswerCommand command, Caller caller) {
        Demand demand = answerable(id, caller);
        Map<UUID, LetterQuestion> asked = questions.findByLetterIdOrderByPosition(demand.letterId()).stream()
                .collect(Collectors.toMap(LetterQuestion::id, q -> q));
        boolean signs = false;
        Set<UUID> seen = new java.util.HashSet<>();
        List<UUID> allDocuments = new ArrayList<>();
        for (int i = 0; i < command.answers().size(); i++) {
            AnswerItem item = command.answers().get(i);
            LetterQuestion q = asked.get(item.questionId());
            if (q == null) {
                throw Problems.invalid("answers[" + i + "].questionId", "not a question of this letter");
            }
            if (!seen.add(q.id())) {
                throw Problems.invalid("answers[" + i + "].questionId", "answered twice in one request");
            }
            if (q.signerRole() == SignerRole.LEGAL_OFFICER) {
                if (!caller.has(Roles.LEGAL_OFFICER)) {
                    throw Problems.forbidden("Question " + q.position() + " needs a signature: the jurisdiction's legal officer answers it");
                }
                signs = true;
            }
            if (item.documentIds() != null) {
                allDocuments.addAll(item.documentIds());
            }
        }
        if (signs) {
            if (blank(command.signerName())) throw Problems.invalid("signerName", "a signed answer names its signer");
            if (blank(command.signerTitle())) throw Problems.invalid("signerTitle", "a signed answer gives the signer's title");
            if (blank(command.attestation())) throw Problems.invalid("attestation", "a signed answer carries its attestation");
            if (!Boolean.TRUE.equals(command.agreed())) throw Problems.invalid("agreed", "the signer agrees to the attestation");
        }
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(allDocuments));
        if (!distinct.isEmpty()) {
            documents.requireAll(distinct, demand.jurisdictionId());
        }
        String role = caller.has(Roles.LEGAL_OFFICER) ? Roles.LEGAL_OFFICER : Roles.JURISDICTION_OFFICIAL;
        boolean signed = signs;
        return transactions.executeWrite(status -> {
            Demand current = answerable(id, caller);
            if (!current.version().equals(demand.version())) {
                throw Problems.conflict("concurrent-update", "The demand changed meanwhile; read it again");
            }
            Instant now = now();
            for (AnswerItem item : command.answers()) {
                LetterQuestion q = asked.get(item.questionId());
                boolean thisSigned = signed && q.signerRole() == SignerRole.LEGAL_OFFICER;
                answers.save(new DemandAnswer(UUID.randomUUID(), id, q.id(), current.round(), item.text().strip(),
                        join(item.documentIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(item.documentIds()))),
                        caller.subject(), role, thisSigned ? command.signerName().strip() : null,
                        thisSigned ? command.signerTitle().strip() : null, thisSigned ? command.attestation().strip() : null, now));
            }
            List<DemandAnswer> all = answers.findByDemandIdOrderByAnsweredAt(id);
            Set<UUID> answeredThisRound = all.stream().filter(a -> a.round() == current.round()).map(DemandAnswer::questionId)
                    .collect(Collectors.toSet());
            boolean complete = answeredThisRound.containsAll(asked.keySet());
            Demand updated = demands.update(current.with(complete ? Demand.Status.ANSWERED : current.status(), current.round(),
                    current.dojNote(), current.decidedBy(), current.decidedAt(), now));
            DemandView view = demandView(updated, subject(updated), now, all);
            audit.record(complete ? "demand.answered" : "demand.answer-given", DEMAND, id,
                    Map.of("status", current.status()), Map.of("status", updated.status(), "questions",
                            command.answers().stream().map(AnswerItem::questionId).toList(), "signed", signed));
            return view;
        });
    }

    public DemandView decide(UUID id, DecisionCommand command, Caller caller) {
        return transactions.executeWrite(status -> {
            Demand current = demands.findById(id).orElseThrow(() -> Problems.notFound("No demand " + id));
            if (current.status() != Demand.Status.ANSWERED) {
                throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Conflict",
                        "The demand is " + current.status() + "; only an answered demand is accepted or sent back",
                        Map.of("currentStatus", current.status()));
            }
            boolean more = command.decision() == LetterMessages.Decision.MORE_REQUESTED;
            if (more && blank(command.note())) {
                throw Problems.invalid("note", "say what more the jurisdiction must give");
            }
            Instant now = now();
            Demand updated = demands.update(current.with(more ? Demand.Status.MORE_REQUESTED : Demand.Status.ACCEPTED,
                    more ? current.round() + 1 : current.round(), blank(command.note()) ? null : command.note().strip(),
                    caller.subject(), now, now));
            audit.record(more ? "demand.more-requested" : "demand.accepted", DEMAND, id,
                    Map.of("status", current.status(), "round", current.round()),
                    Map.of("status", updated.status(), "round", updated.round(), "note", String.valueOf(updated.dojNote())));
            return demandView(updated, subject(updated), now, answers.findByDemandIdOrderByAnsweredAt(id));
        });
    }

    public LetterView close(UUID id, String reason, Caller caller) {
        return transactions.executeWrite(status -> {
            DemandLetter letter = letters.findById(id).orElseThrow(() -> Problems.notFound("No letter " + id));
            if (letter.status() == DemandLetter.Status.CLOSED) {
                throw Problems.conflict("already-closed", "The letter was closed on " + letter.closedAt());
            }
            Instant now = now();
            DemandLetter closed = letters.update(new DemandLetter(letter.id(), letter.subject(), letter.body(), letter.documentIds(),
                    letter.deadlineDate(), letter.deadlineTime(), letter.recipientFilter(), DemandLetter.Status.CLOSED,
                    letter.sentBy(), letter.sentAt(), caller.subject(), now, letter.version()));
            int closedDemands = 0;
            for (Demand d : demands.findByLetterIdOrderByJurisdictionName(id)) {
                if (d.status() != Demand.Status.ACCEPTED && d.status() != Demand.Status.CLOSED) {
                    demands.update(d.with(Demand.Status.CLOSED, d.round(), blank(reason) ? d.dojNote() : reason.strip(),
                            caller.subject(), now, now));
                    closedDemands++;
                }
            }
            audit.record("letter.closed", LETTER, id, Map.of("status", letter.status()),
                    Map.of("status", closed.status(), "demandsClosed", closedDemands, "reason", String.valueOf(reason)));
            return view(closed, true, null);
        });
    }

    // ---- reading

    private Demand readable(UUID id, Caller caller) {
        return demands.findById(id).filter(d -> caller.canRead(d.jurisdictionId()))
                .orElseThrow(() -> Problems.notFound("No demand " + id));
    }

    private Demand answerable(UUID id, Caller caller) {
        Demand d = demands.findById(id).filter(x -> caller.jurisdictionId().map(x.jurisdictionId()::equals).orElse(false))
                .orElseThrow(() -> Problems.notFound("No demand " + id));
        if (!d.status().awaitsJurisdiction()) {
            throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Conflict",
                    "The demand is " + d.status() + "; it takes no more answers", Map.of("currentStatus", d.status()));
        }
        if (letters.findById(d.letterId()).map(l -> l.status() == DemandLetter.Status.CLOSED).orElse(true)) {
            throw Problems.conflict("already-closed", "The letter is closed");
        }
        return d;
    }

    private String subject(Demand d) {
        return letters.findById(d.letterId()).map(DemandLetter::subject).orElse("");
    }

    private LetterView view(DemandLetter l, boolean withDemands, UUID onlyJurisdiction) {
        List<QuestionView> qs = questions.findByLetterIdOrderByPosition(l.id()).stream()
                .map(q -> new QuestionView(q.id(), q.position(), q.text(), q.signerRole())).toList();
        List<Demand> all = demands.findByLetterIdOrderByJurisdictionName(l.id());
        Instant now = Instant.now();
        int answered = (int) all.stream().filter(d -> d.status() == Demand.Status.ANSWERED || d.status() == Demand.Status.ACCEPTED).count();
        int late = (int) all.stream().filter(d -> d.lateAt(now)).count();
        int accepted = (int) all.stream().filter(d -> d.status() == Demand.Status.ACCEPTED).count();
        List<DemandView> shown = null;
        if (withDemands) {
            shown = all.stream().filter(d -> onlyJurisdiction == null || d.jurisdictionId().equals(onlyJurisdiction))
                    .map(d -> demandView(d, l.subject(), now, null)).toList();
        }
        boolean summary = onlyJurisdiction == null;
        return new LetterView(l.id(), l.subject(), l.body(), qs, split(l.documentIds()), l.deadlineDate(), l.deadlineTime(), l.status(),
                l.sentBy(), l.sentAt(), l.closedBy(), l.closedAt(), summary ? all.size() : 1, summary ? answered : 0,
                summary ? late : 0, summary ? accepted : 0, shown);
    }

    private static LetterView withoutDemands(LetterView v) {
        return new LetterView(v.id(), v.subject(), v.body(), v.questions(), v.documentIds(), v.deadlineDate(), v.deadlineTime(),
                v.status(), v.sentBy(), v.sentAt(), v.closedBy(), v.closedAt(), v.recipients(), v.answered(), v.late(),
                v.accepted(), null);
    }

    static DemandView demandView(Demand d, String subject, Instant now, List<DemandAnswer> given) {
        List<AnswerView> shown = given == null ? null : given.stream().map(a -> new AnswerView(a.id(), a.questionId(), a.round(),
                a.text(), split(a.documentIds()), a.answeredBy(), a.answeredRole(), a.signerName(), a.signerTitle(), a.attestation(),
                a.answeredAt())).toList();
        return new DemandView(d.id(), d.letterId(), subject, d.jurisdictionId(), d.jurisdictionName(), d.jurisdictionState(),
                d.deadlineAt(), d.deadlineDate(), d.deadlineTime(), d.timeZone(), d.status(), d.lateAt(now), d.round(), d.dojNote(),
                d.decidedBy(), d.decidedAt(), shown);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String join(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    private static List<UUID> split(String ids) {
        return ids == null || ids.isBlank() ? List.of() : Arrays.stream(ids.split(",")).map(UUID::fromString).toList();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

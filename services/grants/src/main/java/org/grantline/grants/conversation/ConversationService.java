package org.grantline.grants.conversation;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.grants.certification.Requirement;
import org.grantline.grants.certification.RequirementRepository;
import org.grantline.grants.conversation.ConversationMessage.SubjectKind;
import org.grantline.grants.conversation.ConversationMessage.Visibility;
import org.grantline.grants.conversation.ConversationMessages.MessageCommand;
import org.grantline.grants.conversation.ConversationMessages.MessageView;
import org.grantline.grants.conversation.ConversationMessages.ThreadView;
import org.grantline.grants.condition.GrantCondition;
import org.grantline.grants.condition.GrantConditionRepository;
import org.grantline.grants.document.DocumentLinks;
import org.grantline.grants.letters.Demand;
import org.grantline.grants.letters.DemandLetter;
import org.grantline.grants.letters.DemandLetterRepository;
import org.grantline.grants.letters.DemandRepository;
import org.grantline.grants.outbox.MessageNotice;
import org.grantline.grants.outbox.MessageNotices;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import org.grantline.notifications.api.MessageNoticeKind;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The threads of requirements and demands. Who reads a thread: whoever may read its requirement or
 * demand (another jurisdiction's is 404, as the record itself is); the jurisdiction's own people see
 * only SHARED messages — an INTERNAL note is not in their answer at all, not even counted. Who writes:
 * DOJ officers and admins (shared messages or internal notes, attaching any existing document, as a
 * letter does) and the jurisdiction's officials and legal officers (shared only, attaching only their
 * own jurisdiction's documents). Auditors and services read or are refused; they never write.
 * Posting checks the documents (a remote call) before any transaction, then saves the message, its
 * audit record and — for a SHARED message, never an INTERNAL note — its notice for the notifications
 * service (the outbox, {@link MessageNotices}) in one transaction: all three or none.
 */
@Singleton
public class ConversationService {
    static final String MESSAGE = "conversation-message";

    private final ConversationMessageRepository messages;
    private final RequirementRepository requirements;
    private final DemandRepository demands;
    private final GrantConditionRepository conditions;
    private final DemandLetterRepository letters;
    private final DocumentLinks documents;
    private final AuditTrail audit;
    private final MessageNotices notices;
    private final TransactionOperations<Connection> transactions;

    public ConversationService(ConversationMessageRepository messages, RequirementRepository requirements, DemandRepository demands,
                               GrantConditionRepository conditions, DemandLetterRepository letters, DocumentLinks documents,
                               AuditTrail audit, MessageNotices notices, TransactionOperations<Connection> transactions) {
        this.messages = messages;
        this.requirements = requirements;
        this.demands = demands;
        this.conditions = conditions;
        this.letters = letters;
        this.documents = documents;
        this.audit = audit;
        this.notices = notices;
        this.transactions = transactions;
    }

    public ThreadView thread(SubjectKind kind, UUID subjectId, Caller caller) {
        UUID jurisdiction = readableJurisdiction(kind, subjectId, caller);
        List<ConversationMessage> shown = doj(caller) || caller.has(Roles.AUDITOR)
                ? messages.findBySubjectKindAndSubjectIdOrderByCreatedAt(kind, subjectId)
                : messages.findBySubjectKindAndSubjectIdAndVisibilityOrderByCreatedAt(kind, subjectId, Visibility.SHARED);
        return new ThreadView(kind, subjectId, jurisdiction, shown.stream().map(ConversationService::view).toList());
    }

    /** Posts as the caller; {@code authorName} (the token's name, else its subject) is what notifications shows as the sender. */
    public MessageView post(SubjectKind kind, UUID subjectId, MessageCommand command, Caller caller, String authorName) {
        UUID jurisdiction = readableJurisdiction(kind, subjectId, caller);
        boolean internal = Boolean.TRUE.equals(command.internal());
        if (internal && !doj(caller)) {
            throw Problems.forbidden("Internal notes are DOJ's; a jurisdiction writes to the shared thread");
        }
        List<UUID> attached = command.documentIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(command.documentIds()));
        if (doj(caller)) {
            documents.requireExisting(attached);
        } else if (!attached.isEmpty()) {
            documents.requireAll(attached, jurisdiction);
        }
        String role = caller.has(Roles.ADMIN) ? Roles.ADMIN : caller.has(Roles.DOJ_OFFICER) ? Roles.DOJ_OFFICER
                : caller.has(Roles.LEGAL_OFFICER) ? Roles.LEGAL_OFFICER : Roles.JURISDICTION_OFFICIAL;
        String title = internal ? null : subjectTitle(kind, subjectId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ConversationMessage message = new ConversationMessage(UUID.randomUUID(), kind, subjectId, jurisdiction,
                internal ? Visibility.INTERNAL : Visibility.SHARED, command.body().strip(),
                attached.stream().map(UUID::toString).collect(Collectors.joining(",")), caller.subject(), role, now);
        // A shared message is announced to the other side; an internal note never leaves grants.
        return view(write(message, null, attached, internal ? null : new Announcement(title, authorName, doj(caller), MessageNoticeKind.MESSAGE)));
    }

    /** Who GrantLine itself is on a thread (a demand's reminders and escalation). */
    public static final String SYSTEM_AUTHOR = "grantline";
    public static final String SYSTEM_ROLE = "SYSTEM";

    /**
     * A message GrantLine itself writes on a thread, in the caller's transaction: the message, its
     * audit record (actor {@code system}) and its notice — to the jurisdiction ({@code toJurisdiction})
     * or to DOJ. An INTERNAL one is left out of the jurisdiction's thread as any internal note is, and
     * its notice goes to DOJ only. {@code noticeKind}: what the notice is to its recipients (a demand's
     * reminder, late notice or escalation is chosen as a certification's notice of that kind is).
     */
    public UUID postSystem(SubjectKind kind, UUID subjectId, UUID jurisdiction, String subjectTitle, Visibility visibility,
                           boolean toJurisdiction, MessageNoticeKind noticeKind, String body) {
        if (visibility == Visibility.INTERNAL && toJurisdiction) {
            throw new IllegalArgumentException("an internal note is never announced to the jurisdiction");
        }
        ConversationMessage message = new ConversationMessage(UUID.randomUUID(), kind, subjectId, jurisdiction, visibility, body, "",
                SYSTEM_AUTHOR, SYSTEM_ROLE, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return write(message, "system", List.of(), new Announcement(subjectTitle, "GrantLine", toJurisdiction, noticeKind)).id();
    }

    /** Who a message is announced to: {@code fromDoj} true, the jurisdiction; false, DOJ. */
    private record Announcement(String subjectTitle, String authorName, boolean fromDoj, MessageNoticeKind noticeKind) {
    }

    /**
     * Saves the message, its audit record (as {@code actor}, or the request's caller when null) and,
     * when it is announced, its notice for the notifications service: in one transaction (joining the
     * caller's, if any), so all three or none.
     */
    private ConversationMessage write(ConversationMessage message, String actor, List<UUID> attached, Announcement announcement) {
        return transactions.executeWrite(status -> {
            ConversationMessage saved = messages.save(message);
            // The message is the after state (nothing is changed, only added); its text stays in the thread, not in the trail.
            String action = saved.visibility() == Visibility.INTERNAL ? "conversation.note-added" : "conversation.message-posted";
            Map<String, Object> after = Map.of("subjectKind", saved.subjectKind(), "subjectId", saved.subjectId(),
                    "jurisdictionId", saved.jurisdictionId(), "visibility", saved.visibility(), "documentIds", attached,
                    "length", saved.body().length());
            if (actor == null) {
                audit.record(action, MESSAGE, saved.id(), null, after);
            } else {
                audit.recordAs(actor, action, MESSAGE, saved.id(), null, after);
            }
            if (announcement != null) {
                notices.enqueue(MessageNotice.of(saved.id(), saved.subjectKind().name(), saved.subjectId(), saved.jurisdictionId(),
                        announcement.subjectTitle(), announcement.authorName(), saved.authorRole(), announcement.fromDoj(),
                        saved.body(), attached.size(), saved.createdAt(), announcement.noticeKind()));
            }
            return saved;
        });
    }

    /** What the web app calls the thread's subject: a requirement's condition title, a demand's letter subject. */
    private String subjectTitle(SubjectKind kind, UUID subjectId) {
        return switch (kind) {
            case REQUIREMENT -> requirements.findById(subjectId).flatMap(r -> conditions.findById(r.conditionId()))
                    .map(GrantCondition::title).orElse("Certification requirement");
            case DEMAND -> demands.findById(subjectId).flatMap(d -> letters.findById(d.letterId()))
                    .map(DemandLetter::subject).orElse("Demand letter");
        };
    }

    /** The thread's jurisdiction, when the caller may read its requirement or demand; else 404 as for the record itself. */
    private UUID readableJurisdiction(SubjectKind kind, UUID subjectId, Caller caller) {
        UUID jurisdiction = switch (kind) {
            case REQUIREMENT -> requirements.findById(subjectId).map(Requirement::jurisdictionId).orElse(null);
            case DEMAND -> demands.findById(subjectId).map(Demand::jurisdictionId).orElse(null);
        };
        if (jurisdiction == null || !caller.canRead(jurisdiction)) {
            throw Problems.notFound("No " + (kind == SubjectKind.REQUIREMENT ? "requirement " : "demand ") + subjectId);
        }
        return jurisdiction;
    }

    private static boolean doj(Caller caller) {
        return caller.has(Roles.DOJ_OFFICER) || caller.has(Roles.ADMIN);
    }

    static MessageView view(ConversationMessage m) {
        List<UUID> docs = m.documentIds().isBlank() ? List.of() : Arrays.stream(m.documentIds().split(",")).map(UUID::fromString).toList();
        return new MessageView(m.id(), m.subjectKind(), m.subjectId(), m.jurisdictionId(), m.visibility(), m.body(), docs,
                m.author(), m.authorRole(), m.createdAt());
    }
}

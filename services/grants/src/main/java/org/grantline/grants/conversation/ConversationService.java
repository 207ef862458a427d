package org.grantline.grants.conversation;

import jakarta.inject.Singleton;
import org.grantline.grants.certification.Requirement;
import org.grantline.grants.certification.RequirementRepository;
import org.grantline.grants.conversation.ConversationMessage.SubjectKind;
import org.grantline.grants.conversation.ConversationMessage.Visibility;
import org.grantline.grants.conversation.ConversationMessages.MessageCommand;
import org.grantline.grants.conversation.ConversationMessages.MessageView;
import org.grantline.grants.conversation.ConversationMessages.ThreadView;
import org.grantline.grants.document.DocumentDirectory;
import org.grantline.grants.letters.Demand;
import org.grantline.grants.letters.DemandRepository;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

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
 */
@Singleton
public class ConversationService {
    static final String MESSAGE = "conversation-message";

    private final ConversationMessageRepository messages;
    private final RequirementRepository requirements;
    private final DemandRepository demands;
    private final DocumentDirectory documents;
    private final AuditTrail audit;

    public ConversationService(ConversationMessageRepository messages, RequirementRepository requirements, DemandRepository demands,
                               DocumentDirectory documents, AuditTrail audit) {
        this.messages = messages;
        this.requirements = requirements;
        this.demands = demands;
        this.documents = documents;
        this.audit = audit;
    }

    public ThreadView thread(SubjectKind kind, UUID subjectId, Caller caller) {
        UUID jurisdiction = readableJurisdiction(kind, subjectId, caller);
        List<ConversationMessage> shown = doj(caller) || caller.has(Roles.AUDITOR)
                ? messages.findBySubjectKindAndSubjectIdOrderByCreatedAt(kind, subjectId)
                : messages.findBySubjectKindAndSubjectIdAndVisibilityOrderByCreatedAt(kind, subjectId, Visibility.SHARED);
        return new ThreadView(kind, subjectId, jurisdiction, shown.stream().map(ConversationService::view).toList());
    }

    public MessageView post(SubjectKind kind, UUID subjectId, MessageCommand command, Caller caller) {
        UUID jurisdiction = readableJurisdiction(kind, subjectId, caller);
        boolean internal = Boolean.TRUE.equals(command.internal());
        if (internal && !doj(caller)) {
            throw Problems.forbidden("Internal notes are DOJ's; a jurisdiction writes to the shared thread");
        }
        List<UUID> attached = command.documentIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(command.documentIds()));
        if (doj(caller)) {
            documents.requireExisting(attached);
        } else if (!attached.isEmpty()) {
            documents.requireAll(attached, jurisdiction, null);
        }
        String role = caller.has(Roles.ADMIN) ? Roles.ADMIN : caller.has(Roles.DOJ_OFFICER) ? Roles.DOJ_OFFICER
                : caller.has(Roles.LEGAL_OFFICER) ? Roles.LEGAL_OFFICER : Roles.JURISDICTION_OFFICIAL;
        ConversationMessage saved = messages.save(new ConversationMessage(UUID.randomUUID(), kind, subjectId, jurisdiction,
                internal ? Visibility.INTERNAL : Visibility.SHARED, command.body().strip(),
                attached.stream().map(UUID::toString).collect(Collectors.joining(",")), caller.subject(), role,
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
        MessageView view = view(saved);
        // The message is the after state (nothing is changed, only added); its text stays in the thread, not in the trail.
        audit.record(internal ? "conversation.note-added" : "conversation.message-posted", MESSAGE, saved.id(), null,
                Map.of("subjectKind", kind, "subjectId", subjectId, "jurisdictionId", jurisdiction, "visibility", saved.visibility(),
                        "documentIds", attached, "length", saved.body().length()));
        return view;
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

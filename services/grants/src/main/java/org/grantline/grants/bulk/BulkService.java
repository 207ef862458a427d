package org.grantline.grants.bulk;

import io.micronaut.http.HttpStatus;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.grantline.grants.award.Award;
import org.grantline.grants.award.AwardRepository;
import org.grantline.grants.bulk.BulkMessages.BulkCommand;
import org.grantline.grants.bulk.BulkMessages.JobView;
import org.grantline.grants.bulk.BulkMessages.Refusal;
import org.grantline.grants.bulk.BulkMessages.RequirementFilter;
import org.grantline.grants.certification.ExtensionCommand;
import org.grantline.grants.certification.RequirementSearch;
import org.grantline.grants.certification.RequirementService;
import org.grantline.grants.api.RequirementStatus;
import org.grantline.grants.certification.RequirementView;
import org.grantline.grants.condition.GrantCondition;
import org.grantline.grants.condition.GrantConditionRepository;
import org.grantline.grants.conversation.ConversationMessage.SubjectKind;
import org.grantline.grants.conversation.ConversationMessages.MessageCommand;
import org.grantline.grants.conversation.ConversationService;
import org.grantline.grants.jurisdiction.Jurisdictions;
import org.grantline.jurisdiction.api.JurisdictionView;
import org.grantline.grants.program.Program;
import org.grantline.grants.program.ProgramRepository;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk actions on every requirement a deadline-list filter matches — not only the page shown. The
 * user confirms the count; if the list no longer has that many, nothing is done (409). Each item goes
 * through the same rules as one request (its own transaction and audit record); what a rule refuses is
 * reported with the reason, and the whole job is one more audit record. CSV exports neutralise cells a
 * spreadsheet would run as a formula. "Remind now" posts a DOJ message on each requirement's thread
 * (its own transaction, audit record and outbox row, as {@link ConversationService#post} does), so the
 * jurisdiction is notified at once by inbox and email and the reminder stays in the thread; what is
 * not waiting for the jurisdiction (submitted, accepted, waived, enjoined) is refused with the reason.
 */
@Singleton
public class BulkService {
    static final int MAX_ITEMS = 5000;
    private static final int PAGE = 500;

    private final RequirementService requirements;
    private final BulkJobRepository jobs;
    private final AwardRepository awards;
    private final ProgramRepository programs;
    private final GrantConditionRepository conditions;
    private final Jurisdictions jurisdictions;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final ConversationService conversations;

    public BulkService(RequirementService requirements, BulkJobRepository jobs, AwardRepository awards, ProgramRepository programs,
                       GrantConditionRepository conditions, Jurisdictions jurisdictions, AuditTrail audit, ObjectMapper json,
                       ConversationService conversations) {
        this.requirements = requirements;
        this.jobs = jobs;
        this.awards = awards;
        this.programs = programs;
        this.conditions = conditions;
        this.jurisdictions = jurisdictions;
        this.audit = audit;
        this.json = json;
        this.conversations = conversations;
    }

    /** Every requirement the filter matches, earliest deadline first (at most MAX_ITEMS, else 400). */
    public List<RequirementView> matching(RequirementFilter f, Caller caller) {
        List<RequirementView> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            var found = requirements.search(new RequirementSearch(f.awardId(), f.jurisdictionId(), f.programId(), f.fiscalYear(),
                    f.state(), f.status(), f.dueFrom(), f.dueTo(), page, PAGE), caller);
            if (found.total() > MAX_ITEMS) {
                throw Problems.invalid("filter", "the filter matches " + found.total() + " items; a bulk action takes at most " + MAX_ITEMS);
            }
            all.addAll(found.items());
            if (found.items().size() < PAGE || all.size() >= found.total()) {
                return all;
            }
        }
    }

    /** Runs the action on every match; {@code authorName} signs the reminders a REMIND sends. */
    public JobView run(BulkCommand command, Caller caller, String authorName) {
        String reason = command.reason() == null ? null : command.reason().strip();
        boolean remind = command.action() == BulkMessages.Action.REMIND;
        if (remind && reason != null && reason.isEmpty()) {
            reason = null;
        }
        if (!remind && (reason == null || reason.isEmpty())) {
            throw Problems.invalid("reason", "a bulk " + command.action().name().toLowerCase() + " gives one reason for all");
        }
        if (command.action() == BulkMessages.Action.EXTEND && command.deadlineDate() == null) {
            throw Problems.invalid("deadlineDate", "an extension names the new deadline");
        }
        Instant started = now();
        List<RequirementView> matched = matching(command.filter(), caller);
        if (matched.size() != command.expectedCount()) {
            throw new ProblemException(HttpStatus.CONFLICT, "count-changed", "Conflict",
                    "The list now has " + matched.size() + " items, not the " + command.expectedCount()
                            + " you confirmed; nothing was changed. Look again and confirm the new count.",
                    Map.of("currentCount", matched.size()));
        }
        List<UUID> changed = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (RequirementView r : matched) {
            try {
                if (command.action() == BulkMessages.Action.EXTEND) {
                    requirements.extend(r.id(), new ExtensionCommand(command.deadlineDate(), command.deadlineTime(), reason), caller);
                } else if (command.action() == BulkMessages.Action.WAIVE) {
                    requirements.waive(r.id(), reason, caller);
                } else if (!r.status().awaitsJurisdiction()) {
                    refused.add(new Refusal(r.id(), "nothing is owed: it is " + r.status().name().toLowerCase()));
                    continue;
                } else if (r.enjoined()) {
                    refused.add(new Refusal(r.id(), "it is enjoined by a court order: no reminders"));
                    continue;
                } else {
                    conversations.post(SubjectKind.REQUIREMENT, r.id(), new MessageCommand(reminder(r, reason), null, false), caller,
                            authorName);
                }
                changed.add(r.id());
            } catch (ProblemException e) {
                refused.add(new Refusal(r.id(), e.detail()));
            } catch (RuntimeException e) {
                refused.add(new Refusal(r.id(), "it changed meanwhile; try it again"));
            }
        }
        Instant finished = now();
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("changed", changed);
        outcome.put("refused", refused);
        String filter;
        String outcomeJson;
        try {
            filter = json.writeValueAsString(command.filter());
            outcomeJson = json.writeValueAsString(outcome);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BulkJob job = jobs.save(new BulkJob(UUID.randomUUID(), command.action(), filter, reason, matched.size(), changed.size(),
                refused.size(), outcomeJson, caller.subject(), started, finished));
        JobView view = new JobView(job.id(), job.action(), job.matched(), job.changed(), job.refused(), changed, refused,
                job.requestedBy(), started, finished);
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.put("filter", command.filter());
        asked.put("confirmedCount", command.expectedCount());
        asked.put("reason", reason);
        audit.record("bulk." + command.action().name().toLowerCase(), "bulk-job", job.id(), asked, view);
        return view;
    }

    /** The reminder's text: the deadline in the jurisdiction's time, whether it has passed, DOJ's note. */
    static String reminder(RequirementView r, String note) {
        String due = r.deadlineLocalDate() + " at " + r.deadlineLocalTime() + " (" + r.timeZone() + ")";
        String text = r.overdue()
                ? "Reminder from DOJ: this certification was due on " + due + " and is overdue. Please submit it now."
                : "Reminder from DOJ: this certification is due on " + due + ". Please submit it before then.";
        if (r.status() == RequirementStatus.REJECTED) {
            text += " Your last submission was rejected; answer with a new one.";
        }
        return note == null ? text : text + "\n\n" + note;
    }

    public JobView job(UUID id) {
        BulkJob job = jobs.findById(id).orElseThrow(() -> Problems.notFound("No bulk job " + id));
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> outcome = json.readValue(job.outcome(), Map.class);
            List<UUID> changed = ((List<?>) outcome.getOrDefault("changed", List.of())).stream().map(o -> UUID.fromString(o.toString())).toList();
            List<Refusal> refused = ((List<?>) outcome.getOrDefault("refused", List.of())).stream().map(o -> (Map<?, ?>) o)
                    .map(m -> new Refusal(UUID.fromString(m.get("id").toString()), String.valueOf(m.get("reason")))).toList();
            return new JobView(job.id(), job.action(), job.matched(), job.changed(), job.refused(), changed, refused, job.requestedBy(),
                    job.startedAt(), job.finishedAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final List<String> CSV_COLUMNS = List.of("Jurisdiction", "State", "Program", "Award", "Fiscal year", "Condition",
            "Due (local date)", "Due (local time)", "Time zone", "Due (UTC)", "Status", "Overdue", "Enjoined", "Rejection reason",
            "Waiver reason");

    /** The deadline list as CSV, every matching row; jurisdictions named by the registry (asked with the caller's token). */
    public String csv(RequirementFilter filter, Caller caller) {
        List<RequirementView> rows = matching(filter, caller);
        Map<UUID, JurisdictionView> places = new HashMap<>();
        Map<UUID, Award> awardOf = new HashMap<>();
        Map<UUID, String> programName = new HashMap<>();
        Map<UUID, String> conditionTitle = new HashMap<>();
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get())) {
            for (RequirementView r : rows) {
                var place = places.computeIfAbsent(r.jurisdictionId(), id -> jurisdictions.require(id, "jurisdictionId"));
                Award a = awardOf.computeIfAbsent(r.awardId(), id -> awards.findById(id).orElse(null));
                String program = a == null ? "" : programName.computeIfAbsent(a.programId(), id -> programs.findById(id).map(Program::name).orElse(""));
                String condition = conditionTitle.computeIfAbsent(r.conditionId(), id -> conditions.findById(id).map(GrantCondition::title).orElse(""));
                csv.printRecord(List.of(place.name(), String.valueOf(place.state()), program, a == null ? "" : a.awardNumber(), a == null ? "" : a.fiscalYear(),
                        condition, r.deadlineLocalDate(), r.deadlineLocalTime(), r.timeZone(), r.deadline(), r.status(), r.overdue(),
                        r.enjoined(), r.rejectionReason() == null ? "" : r.rejectionReason(),
                        r.waiverReason() == null ? "" : r.waiverReason()).stream().map(v -> neutralise(String.valueOf(v))).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
     * return) is prefixed with an apostrophe, as OWASP advises for CSV injection.
     */
    static String neutralise(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

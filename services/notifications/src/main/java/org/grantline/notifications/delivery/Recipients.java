package org.grantline.notifications.delivery;

import jakarta.inject.Singleton;
import org.grantline.jurisdiction.api.ContactView;
import org.grantline.notifications.directory.JurisdictionLookups;
import org.grantline.notifications.plan.ProgramSettings;
import org.grantline.notifications.plan.ProgramSettingsRepository;
import org.grantline.notifications.preference.NoticeKind;
import org.grantline.notifications.preference.NotificationPreference;
import org.grantline.notifications.preference.NotificationPreferences;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.webhook.Webhook;
import org.grantline.notifications.webhook.WebhookRepository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who gets each due reminder: by email the jurisdiction's contacts with the reminder roles (from the
 * jurisdiction service), plus the chief executive and the program's DOJ officer (or the configured
 * one) when it escalates, less those who declined its kind (a mandatory escalation always goes);
 * the webhooks serving its jurisdiction. Reads only; the jurisdiction service down throws, and the
 * reminders stay planned.
 */
@Singleton
class Recipients {
    private final JurisdictionLookups directory;
    private final ProgramSettingsRepository programSettings;
    private final WebhookRepository webhooks;
    private final NotificationPreferences preferences;
    private final NotificationsConfig config;

    Recipients(JurisdictionLookups directory, ProgramSettingsRepository programSettings, WebhookRepository webhooks,
               NotificationPreferences preferences, NotificationsConfig config) {
        this.directory = directory;
        this.programSettings = programSettings;
        this.webhooks = webhooks;
        this.preferences = preferences;
        this.config = config;
    }

    /**
     * Contacts and names read from the jurisdiction service during one run: its batches share them
     * (read in bulk, every batch of 500 reminders re-read all contacts — ~130 requests a batch).
     */
    static final class Known {
        private final Map<UUID, List<ContactView>> contacts = new HashMap<>();
        private final Map<UUID, String> names = new HashMap<>();
    }

    /** One reminder's recipients. */
    record Addressees(NoticeKind kind, List<String> emails, int declined, List<UUID> webhooks) {
    }

    /** What a batch's reminders go to. */
    final class Audience {
        private final Map<UUID, List<ContactView>> contacts;
        private final Map<UUID, String> names;
        private final Map<UUID, ProgramSettings> settings;
        private final List<Webhook> hooks;
        private final Map<String, NotificationPreference> chosen;

        private Audience(Map<UUID, List<ContactView>> contacts, Map<UUID, String> names,
                         Map<UUID, ProgramSettings> settings, List<Webhook> hooks, Map<String, NotificationPreference> chosen) {
            this.contacts = contacts;
            this.names = names;
            this.settings = settings;
            this.hooks = hooks;
            this.chosen = chosen;
        }

        /** The batch's jurisdictions that the registry named. */
        Map<UUID, String> names() {
            return names;
        }

        /** The digest hour each address chose, where it chose one. */
        Map<String, Integer> digestHours() {
            Map<String, Integer> hours = new HashMap<>();
            chosen.forEach((email, p) -> {
                if (p.digestHour() != null) {
                    hours.put(email, p.digestHour());
                }
            });
            return hours;
        }

        Addressees of(DueReminder d) {
            ProgramSettings program = d.programId() == null ? null : settings.get(d.programId());
            NoticeKind kind = NoticeKind.of(d.kind(), program == null || program.escalationsMandatory());
            Set<String> roles = new LinkedHashSet<>(config.getReminderRoles());
            if (d.escalate()) {
                roles.addAll(config.getEscalationRoles());
            }
            Set<String> emails = new LinkedHashSet<>();
            contacts.getOrDefault(d.jurisdictionId(), List.of()).stream()
                    .filter(ct -> roles.contains(ct.role().name()) && ct.email() != null && !ct.email().isBlank())
                    .forEach(ct -> emails.add(NotificationPreferences.address(ct.email())));
            if (d.escalate()) {
                String doj = program != null && program.dojOfficerEmail() != null ? program.dojOfficerEmail() : config.getDojOfficerEmail();
                if (doj != null && !doj.isBlank()) {
                    emails.add(NotificationPreferences.address(doj));
                }
            }
            List<String> receiving = new ArrayList<>();
            for (String email : emails) {
                NotificationPreference choice = chosen.get(email);
                if (choice == null || choice.receives(kind)) {
                    receiving.add(email);   // a declined kind is left out; a mandatory one still goes
                }
            }
            List<UUID> serving = hooks.stream().filter(h -> h.jurisdictionId() == null || h.jurisdictionId().equals(d.jurisdictionId()))
                    .map(Webhook::id).toList();
            return new Addressees(kind, receiving, emails.size() - receiving.size(), serving);
        }
    }

    /** Reads what the batch needs: contacts and names not known yet this run, program settings, webhooks, every address's choices. */
    Audience resolve(List<DueReminder> live, Known known) {
        Set<UUID> jurisdictions = new LinkedHashSet<>();
        live.forEach(d -> jurisdictions.add(d.jurisdictionId()));
        Set<UUID> missingContacts = new LinkedHashSet<>(jurisdictions);
        missingContacts.removeAll(known.contacts.keySet());
        if (!missingContacts.isEmpty()) {
            known.contacts.putAll(directory.contacts(missingContacts));
        }
        Set<UUID> missingNames = new LinkedHashSet<>(jurisdictions);
        missingNames.removeAll(known.names.keySet());
        if (!missingNames.isEmpty()) {
            known.names.putAll(directory.names(missingNames));
        }
        Map<UUID, String> names = new HashMap<>();
        jurisdictions.forEach(j -> {
            if (known.names.containsKey(j)) {
                names.put(j, known.names.get(j));
            }
        });
        Map<UUID, ProgramSettings> settings = new HashMap<>();
        programSettings.findAll().forEach(s -> settings.put(s.programId(), s));

        // What each recipient chose (declined kinds, digest hour), read once for every address this batch may mail.
        Set<String> addresses = new LinkedHashSet<>();
        jurisdictions.forEach(j -> known.contacts.getOrDefault(j, List.of()).stream().filter(ct -> ct.email() != null)
                .forEach(ct -> addresses.add(NotificationPreferences.address(ct.email()))));
        if (config.getDojOfficerEmail() != null && !config.getDojOfficerEmail().isBlank()) {
            addresses.add(NotificationPreferences.address(config.getDojOfficerEmail()));
        }
        settings.values().stream().filter(ps -> ps.dojOfficerEmail() != null)
                .forEach(ps -> addresses.add(NotificationPreferences.address(ps.dojOfficerEmail())));
        return new Audience(known.contacts, names, settings, webhooks.findByActiveTrue(), preferences.forEmails(addresses));
    }
}

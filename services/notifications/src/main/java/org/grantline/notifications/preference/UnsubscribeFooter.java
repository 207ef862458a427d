package org.grantline.notifications.preference;

import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What an email says about declining it. Every notice in it may be declined: a one-click
 * {@code List-Unsubscribe} (RFC 8058, the signed link naming the address and those kinds) and a
 * line with the web app's page of the recipient's choices (which also unsubscribes). One mandatory escalation in it: no
 * {@code List-Unsubscribe}, and a line saying the program makes the notice mandatory.
 */
@Singleton
public class UnsubscribeFooter {
    public static final String MANDATORY = "The program makes this overdue notice mandatory: it cannot be unsubscribed.";
    private final UnsubscribeLinks links;

    public UnsubscribeFooter(UnsubscribeLinks links) {
        this.links = links;
    }

    /**
     * The headers to add, and the line (with the page's {@code url}, or none) that the email's
     * templates end the text and HTML parts with ({@code email/footer.*.mustache}).
     */
    public record Footer(Map<String, String> headers, String line, String url) {
    }

    public Footer footer(String recipient, Set<NoticeKind> kinds) {
        return footer(recipient, kinds, "You receive these reminders as a contact of your jurisdiction. To stop them or choose what you receive:");
    }

    /** The same, with the line that says why the recipient gets this email (before the link to their choices). */
    public Footer footer(String recipient, Set<NoticeKind> kinds, String why) {
        if (kinds.isEmpty() || kinds.stream().anyMatch(NoticeKind::mandatory)) {
            return new Footer(Map.of(), MANDATORY, null);
        }
        String token = links.token(recipient, kinds);
        Map<String, String> headers = new LinkedHashMap<>();
        // For mail clients and providers: POST is the one-click unsubscribe, a GET shows a page with a button.
        headers.put("List-Unsubscribe", "<" + links.appUrl() + UnsubscribeLinks.PATH + token + "/unsubscribe>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        // For people: the web app's page (no sign-in), like every other link in the email.
        return new Footer(headers, why, UnsubscribeLinks.pageUrl(links.appUrl(), token));
    }
}

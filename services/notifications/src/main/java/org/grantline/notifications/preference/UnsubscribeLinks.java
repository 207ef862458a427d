package org.grantline.notifications.preference;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.grantline.notifications.support.LinkSigner;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.shared.problem.Problems;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The signed link in an email that a recipient may decline: it names the address and the kinds of
 * notice in that email, and expires ({@code link-ttl}, 90 days). It is the only credential of the
 * one-click unsubscribe (RFC 8058) and of a contact's own preferences: contacts have no account.
 */
@Singleton
public class UnsubscribeLinks {
    public static final String PATH = "/api/notifications/links/";
    private static final String PURPOSE = "unsubscribe";

    private final LinkSigner signer;
    private final NotificationsConfig config;
    private final Clock clock;
    private final Duration ttl;

    public UnsubscribeLinks(LinkSigner signer, NotificationsConfig config, Clock clock,
                            @Value("${grantline.notifications.link-ttl:90d}") Duration ttl) {
        this.signer = signer;
        this.config = config;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** What a valid link says. */
    public record Link(String email, Set<NoticeKind> kinds, Instant expires) {
    }

    public String token(String email, Set<NoticeKind> kinds) {
        return signer.sign(PURPOSE, List.of("v1", NotificationPreferences.address(email), NoticeKind.join(kinds),
                String.valueOf(clock.instant().plus(ttl).getEpochSecond())));
    }

    /** The URL of {@code List-Unsubscribe}: GET shows a page with a button, POST unsubscribes. */
    public String unsubscribeUrl(String email, Set<NoticeKind> kinds) {
        return config.getAppUrl() + PATH + token(email, kinds) + "/unsubscribe";
    }

    /** The web app's page of the contact's own choices (no sign-in: the token is the credential), for the email's text. */
    public static String pageUrl(String appUrl, String token) {
        return appUrl + "/#/email-choices/" + token;
    }

    public String appUrl() {
        return config.getAppUrl();
    }

    /** The link a token is; tampered with or malformed: {@code 403 link-invalid}; expired: {@code 410 link-expired}. */
    public Link read(String token) {
        List<String> f = signer.verify(PURPOSE, token).filter(x -> x.size() == 4 && x.get(0).equals("v1"))
                .orElseThrow(() -> Problems.of(HttpStatus.FORBIDDEN, "link-invalid", "Invalid link",
                        "This link is not one GrantLine made, or it was changed"));
        Instant expires;
        Set<NoticeKind> kinds;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(f.get(3)));
            kinds = NoticeKind.parse(f.get(2));
        } catch (IllegalArgumentException e) {
            throw Problems.of(HttpStatus.FORBIDDEN, "link-invalid", "Invalid link", "This link is not one GrantLine made, or it was changed");
        }
        if (!clock.instant().isBefore(expires)) {
            throw Problems.of(HttpStatus.GONE, "link-expired", "Link expired",
                    "This link has expired; the next email from GrantLine carries a new one");
        }
        return new Link(f.get(1), kinds, expires);
    }
}

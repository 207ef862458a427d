package org.grantline.notifications.calendar;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.grantline.notifications.owner.Owners;
import org.grantline.notifications.support.LinkSigner;
import org.grantline.notifications.support.NotificationsConfig;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A calendar feed URL derived from its owner, with nothing stored: the HMAC of the username and the
 * owner's revocation state at the gateway ({@code tokensValidAfter}, moved when their tokens are
 * revoked). So an auditor, who changes nothing, can have a feed; it stops when the owner is disabled
 * or gone (checked at every read, as for stored feeds) and when their tokens are revoked (the URL
 * no longer matches); it shows the jurisdiction the owner is bound to at the time of the read.
 */
@Singleton
public class SignedFeeds {
    private static final String PURPOSE = "feed";
    private final LinkSigner signer;
    private final NotificationsConfig config;

    public SignedFeeds(LinkSigner signer, NotificationsConfig config) {
        this.signer = signer;
        this.config = config;
    }

    public String url(Owners.Owner owner) {
        return config.getAppUrl() + CalendarController.ICS_PATH + sign(owner.username(), owner.tokensValidAfter()) + ".ics";
    }

    String sign(String username, @Nullable Instant tokensValidAfter) {
        return signer.sign(PURPOSE, List.of("v1", username, revocationState(tokensValidAfter)));
    }

    private static String revocationState(@Nullable Instant tokensValidAfter) {
        return tokensValidAfter == null ? "0" : tokensValidAfter.toString();
    }

    /** Whether a token is a signed feed token at all (stored feeds' secrets have no dot). */
    static boolean isSigned(String token) {
        return token.indexOf('.') > 0;
    }

    /** The username a valid signed token names; empty when tampered with. */
    Optional<String> username(String token) {
        return signer.verify(PURPOSE, token).filter(f -> f.size() == 3 && f.get(0).equals("v1")).map(f -> f.get(1));
    }

    /** Whether the token was made under the owner's current revocation state. */
    boolean current(String token, Owners.Owner owner) {
        return signer.verify(PURPOSE, token).filter(f -> f.size() == 3 && f.get(1).equals(owner.username())
                && f.get(2).equals(revocationState(owner.tokensValidAfter()))).isPresent();
    }
}

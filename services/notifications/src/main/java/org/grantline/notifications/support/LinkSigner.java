package org.grantline.notifications.support;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Links that are their own credential (unsubscribe and preferences links in emails, calendar feed
 * URLs that need no stored row): {@code base64url(payload) "." base64url(HMAC-SHA256(key, purpose "|" payload))}.
 * The key is {@code grantline.notifications.link-secret} ({@code NOTIFICATIONS_LINK_SECRET}), the
 * same on every replica; production refuses to start without it. Elsewhere a missing key is made
 * up per process (links then stop working at a restart), with a warning.
 */
@Context   // made at startup, so production without its key does not start
public class LinkSigner {
    private static final Logger LOG = LoggerFactory.getLogger(LinkSigner.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] key;

    @jakarta.inject.Inject
    public LinkSigner(@Value("${grantline.notifications.link-secret:}") String secret, Environment environment) {
        this(secret, environment.getActiveNames());
    }

    LinkSigner(String secret, java.util.Collection<String> environments) {
        if (secret == null || secret.isBlank()) {
            if (environments.contains("production")) {
                throw new IllegalStateException("NOTIFICATIONS_LINK_SECRET (grantline.notifications.link-secret) must be set in production");
            }
            LOG.warn("No NOTIFICATIONS_LINK_SECRET: unsubscribe and calendar links are signed with a key made up now and stop working at a restart");
            byte[] made = new byte[32];
            new SecureRandom().nextBytes(made);
            this.key = made;
        } else if (secret.length() < 32) {
            throw new IllegalStateException("NOTIFICATIONS_LINK_SECRET must be at least 32 characters");
        } else {
            this.key = secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A token for the payload's fields (none may contain '|'), for one purpose ("unsubscribe", "feed"). */
    public String sign(String purpose, List<String> fields) {
        String payload = String.join("|", fields);
        return B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(mac(purpose, payload));
    }

    /** The payload's fields if the token is one this service signed for the purpose; empty when tampered with or malformed. */
    public Optional<List<String>> verify(String purpose, String token) {
        if (token == null || token.length() > 2000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(purpose, payload))) {
                return Optional.empty();
            }
            return Optional.of(List.of(payload.split("\\|", -1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String purpose, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((purpose + "|" + payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

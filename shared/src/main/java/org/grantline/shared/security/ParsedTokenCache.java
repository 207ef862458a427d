package org.grantline.shared.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.JsonWebTokenParser;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps, for up to a minute (never past the token's {@code exp}), the parsed form of a token that
 * was seen before, so a client's repeated requests with the same token do not base64-decode and
 * JSON-parse it on every request (a fifth of the gateway's CPU per proxied request, measured with
 * JFR by {@code bench/run gateway}). Only parsing is saved: the signature is checked as before
 * ({@link VerifiedSignatureCache} remembers successes of the exact bytes), and every claims
 * validator (expiry, not-before, issuer, audience, lifetime, revocation) runs on every request.
 * The key is the whole serialized token, so a token that differs in one character is parsed anew.
 * Parsed tokens are shared between threads: their claims set is immutable once parsed, and
 * Nimbus' {@code SignedJWT.verify} is synchronized.
 */
@Singleton
public class ParsedTokenCache implements BeanCreatedEventListener<JsonWebTokenParser<JWT>> {
    private static final long KEEP_SECONDS = 60;
    private static final int MAX_ENTRIES = 20_000;

    private record Parsed(JWT jwt, Instant until) {
    }

    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    @Override
    public JsonWebTokenParser<JWT> onCreated(BeanCreatedEvent<JsonWebTokenParser<JWT>> event) {
        JsonWebTokenParser<JWT> parser = event.getBean();
        return new JsonWebTokenParser<>() {
            @Override
            public Optional<JWT> parse(String token) {
                Instant now = Instant.now();
                Parsed known = parsed.get(token);
                if (known != null && known.until().isAfter(now)) {
                    return Optional.of(known.jwt());
                }
                Optional<JWT> fresh = parser.parse(token);
                fresh.ifPresent(jwt -> remember(token, jwt, now));
                return fresh;
            }

            @Override
            public Optional<Claims> parseClaims(String token) {
                return parser.parseClaims(token);
            }
        };
    }

    private void remember(String token, JWT jwt, Instant now) {
        if (!(jwt instanceof SignedJWT)) {
            return;     // only signed tokens are ever accepted; nothing else is worth keeping
        }
        Instant until = now.plusSeconds(KEEP_SECONDS);
        try {
            Date expiry = jwt.getJWTClaimsSet().getExpirationTime();   // parses the claims once, here
            if (expiry == null) {
                return;
            }
            if (expiry.toInstant().isBefore(until)) {
                until = expiry.toInstant();
            }
        } catch (ParseException e) {
            return;
        }
        if (parsed.size() >= MAX_ENTRIES) {
            parsed.entrySet().removeIf(e -> !e.getValue().until().isAfter(now));
            if (parsed.size() >= MAX_ENTRIES) {
                parsed.clear();
            }
        }
        parsed.put(token, new Parsed(jwt, until));
    }
}

package org.grantline.shared.security;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for up to a minute, that the exact bytes of a token carried a valid signature, so a
 * client's repeated requests with the same token pay for one RSA verification, not one each. Only
 * successes are kept, keyed by the whole serialized token; claims (expiry, not-before, issuer,
 * audience) are still checked on every request. A minute matches how long the JWKS is cached.
 * A token without a key id ({@code kid}) is refused before any key is tried: every GrantLine token
 * names the key it was signed with, and the verifiers then try only that key.
 */
@Singleton
public class VerifiedSignatureCache implements BeanCreatedEventListener<ReactiveJsonWebTokenSignatureValidator<SignedJWT>> {
    private static final long KEEP_SECONDS = 60;
    private static final int MAX_ENTRIES = 20_000;

    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    @Override
    public ReactiveJsonWebTokenSignatureValidator<SignedJWT> onCreated(
            BeanCreatedEvent<ReactiveJsonWebTokenSignatureValidator<SignedJWT>> event) {
        ReactiveJsonWebTokenSignatureValidator<SignedJWT> validator = event.getBean();
        return jwt -> {
            if (jwt.getHeader().getKeyID() == null) {
                return Mono.just(false);
            }
            String token = jwt.serialize();
            Instant until = verified.get(token);
            Instant now = Instant.now();
            if (until != null && until.isAfter(now)) {
                return Mono.just(true);
            }
            return Mono.from(validator.validateSignature(jwt)).doOnNext(valid -> {
                if (valid) {
                    remember(token, jwt, now);
                }
            });
        };
    }

    private void remember(String token, SignedJWT jwt, Instant now) {
        if (verified.size() >= MAX_ENTRIES) {
            verified.entrySet().removeIf(e -> !e.getValue().isAfter(now));
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        Instant until = now.plusSeconds(KEEP_SECONDS);
        try {
            Date expiry = jwt.getJWTClaimsSet().getExpirationTime();
            if (expiry != null && expiry.toInstant().isBefore(until)) {
                until = expiry.toInstant();
            }
        } catch (ParseException e) {
            return;
        }
        verified.put(token, until);
    }
}

package org.grantline.shared.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.grantline.shared.security.Roles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for the gateway's token issuer in a service's tests: one RSA key (RS256), served as a JWKS
 * over real HTTP (the same document the gateway serves at {@code /keys}), and tokens signed with
 * it — good ones for each role, and the attack set every service must refuse. It also serves the
 * gateway's revocation list ({@code /api/internal/revocations}), which a test can add to or make
 * unreadable.
 */
public final class TestTokens {
    public static final String ISSUER = "grantline";
    public static final String AUDIENCE = "grantline";

    private static TestTokens shared;

    private final RSAKey key;
    private final HttpServer server;
    private final List<String> revocations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean revocationsFailing;

    private TestTokens(RSAKey key, boolean serveJwks) {
        this.key = key;
        if (!serveJwks) {
            this.server = null;
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/keys", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.createContext("/api/internal/revocations", exchange -> {
            byte[] body = ("{\"asOf\":\"" + Instant.now() + "\",\"entries\":[" + String.join(",", revocations) + "]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (revocationsFailing) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The URL of the revocation list this stand-in serves. */
    public String revocationsUrl() {
        return jwksUrl().replace("/keys", "/api/internal/revocations");
    }

    /** Revokes every token of the subject whose {@code ver} is below {@code minVersion} (as disabling a user does). */
    public void revokeSubject(String subject, long minVersion) {
        revocations.add("{\"subject\":\"" + subject + "\",\"sessionId\":null,\"minVersion\":" + minVersion
                + ",\"expiresAt\":\"" + Instant.now().plus(Duration.ofMinutes(15)) + "\"}");
    }

    /** Revokes every token of one sign-in session (as signing out does). */
    public void revokeSession(String subject, UUID session) {
        revocations.add("{\"subject\":\"" + subject + "\",\"sessionId\":\"" + session + "\",\"minVersion\":null"
                + ",\"expiresAt\":\"" + Instant.now().plus(Duration.ofMinutes(15)) + "\"}");
    }

    /** While true the revocation list answers 503, as an unreachable gateway would leave it unread. */
    public void revocationsFailing(boolean failing) {
        this.revocationsFailing = failing;
    }

    /** Tokens signed with a key the test already has (the gateway's own, in the gateway's tests). */
    public static TestTokens signingWith(RSAKey key) {
        return new TestTokens(key, false);
    }

    /** One issuer per test JVM, started on first use. */
    public static synchronized TestTokens shared() {
        if (shared == null) {
            try {
                shared = new TestTokens(new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate(), true);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public String jwksUrl() {
        if (server == null) {
            throw new IllegalStateException("this issuer serves no JWKS");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/keys";
    }

    public String admin() {
        return token("test.admin", List.of(Roles.ADMIN), null);
    }

    public String dojOfficer() {
        return token("test.doj", List.of(Roles.DOJ_OFFICER), null);
    }

    public String auditor() {
        return token("test.auditor", List.of(Roles.AUDITOR), null);
    }

    public String official(UUID jurisdiction) {
        return token("test.official." + jurisdiction, List.of(Roles.JURISDICTION_OFFICIAL), jurisdiction);
    }

    public String legalOfficer(UUID jurisdiction) {
        return token("test.counsel." + jurisdiction, List.of(Roles.LEGAL_OFFICER), jurisdiction);
    }

    public String service(String name) {
        return token(name, List.of(Roles.SERVICE), null);
    }

    public String token(String subject, List<String> roles, UUID jurisdiction) {
        return sign(key, claims(subject, roles, jurisdiction).build());
    }

    /** A person's token of one sign-in session and token version, as the gateway issues them. */
    public String sessionToken(String subject, List<String> roles, UUID session, long version) {
        return sign(key, claims(subject, roles, null).claim("sid", session.toString()).claim("ver", version).build());
    }

    /** A token with the given claims, signed with this issuer's key under the given key id (null: none). */
    public String signed(JWTClaimsSet claims, String keyId) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tokens that must all be refused with 401, by name. */
    public Map<String, String> attacks() {
        Map<String, String> attacks = new LinkedHashMap<>();
        JWTClaimsSet admin = claims("mallory", List.of(Roles.ADMIN), null).build();
        attacks.put("alg=none", new PlainJWT(admin).serialize());
        String valid = token("mallory", List.of(Roles.AUDITOR), null);
        String[] parts = valid.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(admin.toString().getBytes(StandardCharsets.UTF_8));
        attacks.put("tampered payload", parts[0] + "." + forgedPayload + "." + parts[2]);
        Instant now = Instant.now();
        attacks.put("expired", sign(key, claims("mallory", List.of(Roles.ADMIN), null)
                .issueTime(Date.from(now.minus(Duration.ofHours(2))))
                .notBeforeTime(Date.from(now.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(now.minus(Duration.ofHours(1)))).build()));
        attacks.put("nbf in the future", sign(key, claims("mallory", List.of(Roles.ADMIN), null)
                .notBeforeTime(Date.from(now.plus(Duration.ofHours(1))))
                .expirationTime(Date.from(now.plus(Duration.ofHours(2)))).build()));
        attacks.put("wrong iss", sign(key, claims("mallory", List.of(Roles.ADMIN), null)
                .issuer("https://evil.example").build()));
        attacks.put("wrong aud", sign(key, claims("mallory", List.of(Roles.ADMIN), null)
                .audience("some-other-app").build()));
        attacks.put("HS256 signed with the public key", hs256WithPublicKey(admin));
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("unknown-kid").generate();
            attacks.put("unknown kid", sign(stranger, admin));
            RSAKey impostor = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            attacks.put("known kid, wrong key", sign(impostor, admin));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        // Signed with the real key, yet refused: never expires, lives too long, no issue time, a key id
        // nobody published, no key id at all.
        JWTClaimsSet.Builder noExp = claims("mallory", List.of(Roles.ADMIN), null);
        noExp.expirationTime(null);
        attacks.put("real key, no exp", sign(key, noExp.build()));
        attacks.put("real key, lifetime over 15 minutes", sign(key, claims("mallory", List.of(Roles.ADMIN), null)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(16)))).build()));
        JWTClaimsSet.Builder noIat = claims("mallory", List.of(Roles.ADMIN), null);
        noIat.issueTime(null);
        attacks.put("real key, no iat", sign(key, noIat.build()));
        attacks.put("real key, unknown kid", signed(admin, "kid-nobody-published"));
        attacks.put("real key, no kid", signed(admin, null));
        attacks.put("garbage", "not-a-jwt");
        return attacks;
    }

    public static JWTClaimsSet.Builder claims(String subject, List<String> roles, UUID jurisdiction) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles);
        if (jurisdiction != null) {
            builder.claim(Roles.JURISDICTION_CLAIM, jurisdiction.toString());
        }
        return builder;
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hs256WithPublicKey(JWTClaimsSet claims) {
        try {
            byte[] secret = key.toPublicJWK().toRSAPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

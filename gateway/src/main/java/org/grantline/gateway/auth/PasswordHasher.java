package org.grantline.gateway.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** bcrypt password hashes (cost from {@code grantline.auth.bcrypt-cost}, at least 10). */
@Singleton
public class PasswordHasher {
    private final int cost;
    /** Checked against when the username is unknown, so that case costs the same time as a wrong password. */
    private final String decoy;

    public PasswordHasher(@Value("${grantline.auth.bcrypt-cost:12}") int cost) {
        if (cost < 10 || cost > 16) {
            throw new IllegalArgumentException("grantline.auth.bcrypt-cost must be between 10 and 16");
        }
        this.cost = cost;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.decoy = hash(Base64.getEncoder().encodeToString(random));
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the time of one verification and fails. */
    public boolean matchesNothing(String password) {
        matches(password, decoy);
        return false;
    }
}

package org.grantline.gateway.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.grantline.shared.problem.Problems;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * bcrypt password hashes (cost from {@code grantline.auth.bcrypt-cost}, at least 10). bcrypt reads
 * at most 72 bytes of a password, and the library refuses longer ones: such passwords are refused
 * with a 400 ({@link #checkLength}) wherever one is taken, before anything is hashed.
 */
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

    /** The most bcrypt takes: 72 bytes of UTF-8, whatever the number of characters. */
    public static final int MAX_BYTES = 72;

    /** A 400 naming the field when the password is longer than bcrypt takes. */
    public static void checkLength(String field, String password) {
        if (password != null && password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw Problems.invalid(field, "must be at most " + MAX_BYTES + " bytes (UTF-8)");
        }
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

package org.grantline.gateway.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The RSA key the gateway signs tokens with (RS256, 2048 bits: verifying it is far cheaper than
 * ES256, and every service verifies every request). Production passes the private key as a JWK in
 * {@code GRANTLINE_JWT_PRIVATE_KEY} and the gateway refuses to start without it; the embedded
 * default generates one on first start and keeps it in {@code grantline.jwt.key-file}.
 */
@Singleton
public class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    private final RSAKey key;

    public SigningKeys(@Value("${grantline.jwt.private-key:}") String privateKeyJwk,
                       @Value("${grantline.jwt.key-file:}") String keyFile) {
        if (!privateKeyJwk.isBlank()) {
            key = parse(privateKeyJwk, "grantline.jwt.private-key");
        } else if (!keyFile.isBlank()) {
            key = loadOrGenerate(Path.of(keyFile));
        } else {
            throw new ConfigurationException("No token signing key: set GRANTLINE_JWT_PRIVATE_KEY to an RSA "
                    + "private JWK (see README, 'Configuration')");
        }
    }

    public RSAKey privateKey() {
        return key;
    }

    public RSAKey publicKey() {
        return key.toPublicJWK();
    }

    public JWSAlgorithm algorithm() {
        return JWSAlgorithm.RS256;
    }

    private static RSAKey parse(String json, String source) {
        try {
            JWK jwk = JWK.parse(json);
            if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate() || rsa.size() < 2048) {
                throw new ConfigurationException(source + " must be a private RSA JWK of at least 2048 bits");
            }
            if (rsa.getKeyID() == null) {
                throw new ConfigurationException(source + " must have a key id (kid)");
            }
            return rsa;
        } catch (ParseException e) {
            throw new ConfigurationException(source + " is not a JWK: " + e.getMessage());
        }
    }

    /** A new 2048-bit RSA signing key with a random kid. */
    public static RSAKey generate() throws JOSEException {
        return new RSAKeyGenerator(2048)
                .keyID(UUID.randomUUID().toString())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .generate();
    }

    private static RSAKey loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            }
            RSAKey generated = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "key", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's permissions apply.
            }
            Files.writeString(temporary, generated.toJSONString(), StandardCharsets.UTF_8);
            try {
                // A hard link fails if the file exists (a rename would replace it): of gateways
                // starting together on one data directory, the first key written is everyone's.
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException raced) {
                return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            } finally {
                Files.deleteIfExists(temporary);
            }
            LOG.info("Generated a new token signing key {} in {}", generated.getKeyID(), file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing key file " + file, e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

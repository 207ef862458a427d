package org.grantline.gateway.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The EC P-256 key the gateway signs tokens with (ES256). Production passes the private key as a
 * JWK in {@code GRANTLINE_JWT_PRIVATE_KEY} and the gateway refuses to start without it; the
 * embedded default generates one on first start and keeps it in {@code grantline.jwt.key-file}.
 */
@Singleton
public class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    private final ECKey key;

    public SigningKeys(@Value("${grantline.jwt.private-key:}") String privateKeyJwk,
                       @Value("${grantline.jwt.key-file:}") String keyFile) {
        if (!privateKeyJwk.isBlank()) {
            key = parse(privateKeyJwk, "grantline.jwt.private-key");
        } else if (!keyFile.isBlank()) {
            key = loadOrGenerate(Path.of(keyFile));
        } else {
            throw new ConfigurationException("No token signing key: set GRANTLINE_JWT_PRIVATE_KEY to an EC P-256 "
                    + "private JWK (see README, 'Production configuration')");
        }
    }

    public ECKey privateKey() {
        return key;
    }

    public ECKey publicKey() {
        return key.toPublicJWK();
    }

    public JWSAlgorithm algorithm() {
        return JWSAlgorithm.ES256;
    }

    private static ECKey parse(String json, String source) {
        try {
            JWK jwk = JWK.parse(json);
            if (!(jwk instanceof ECKey ec) || !ec.isPrivate() || !Curve.P_256.equals(ec.getCurve())) {
                throw new ConfigurationException(source + " must be a private EC P-256 JWK");
            }
            if (ec.getKeyID() == null) {
                throw new ConfigurationException(source + " must have a key id (kid)");
            }
            return ec;
        } catch (ParseException e) {
            throw new ConfigurationException(source + " is not a JWK: " + e.getMessage());
        }
    }

    private static ECKey loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            }
            ECKey generated = new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "key", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's permissions apply.
            }
            Files.writeString(temporary, generated.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(temporary);
                return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
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

package org.grantline.gateway.keys;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    @Test
    void withoutAKeyOrKeyFileTheGatewayRefusesToStart() {
        assertThatThrownBy(() -> new SigningKeys("", ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("GRANTLINE_JWT_PRIVATE_KEY");
    }

    @Test
    void theEmbeddedKeyIsGeneratedOnceAndKeptPrivate() throws Exception {
        Path file = Files.createTempDirectory("keys").resolve("data/gateway/jwt-signing-key.json");
        SigningKeys first = new SigningKeys("", file.toString());
        SigningKeys second = new SigningKeys("", file.toString());
        assertThat(second.privateKey().getKeyID()).isEqualTo(first.privateKey().getKeyID());
        assertThat(second.privateKey().toRSAPrivateKey()).isEqualTo(first.privateKey().toRSAPrivateKey());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aConfiguredKeyIsUsedAndMustBeAPrivateRsaKeyWithAKid() throws Exception {
        SigningKeys generated = new SigningKeys("", Files.createTempDirectory("keys").resolve("k.json").toString());
        String jwk = generated.privateKey().toJSONString();
        assertThat(new SigningKeys(jwk, "").privateKey().getKeyID()).isEqualTo(generated.privateKey().getKeyID());
        assertThatThrownBy(() -> new SigningKeys(generated.publicKey().toJSONString(), ""))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("private");
        assertThatThrownBy(() -> new SigningKeys("{not a jwk", "")).isInstanceOf(ConfigurationException.class);
    }
}

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
    void gatewaysStartingTogetherOnAnEmptyDataDirectoryAllSignWithTheSameKey() throws Exception {
        // ./suite up --replicas starts two gateways at once on one data directory: one key for both.
        Path file = Files.createTempDirectory("keys").resolve("gateway/jwt-signing-key.json");
        int gateways = 4;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(gateways);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(gateways);
        java.util.List<java.util.concurrent.Future<String>> kids = new java.util.ArrayList<>();
        for (int i = 0; i < gateways; i++) {
            kids.add(pool.submit(() -> {
                together.await();
                return new SigningKeys("", file.toString()).privateKey().getKeyID();
            }));
        }
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (var kid : kids) {
            distinct.add(kid.get());
        }
        pool.shutdown();
        assertThat(distinct).hasSize(1);
        assertThat(new SigningKeys("", file.toString()).privateKey().getKeyID()).isEqualTo(distinct.iterator().next());
        try (var left = Files.list(file.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no temporary file left").containsExactly(file.getFileName().toString());
        }
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

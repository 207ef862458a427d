package org.grantline.grants.program;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.grantline.shared.test.ServiceSecurityContract;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class GrantsSecurityTest extends ServiceSecurityContract {

    @Inject
    ProgramRepository programs;

    @Override
    protected String service() {
        return "grants";
    }

    @Override
    protected String protectedPath() {
        return "/api/programs";
    }

    @Test
    void everyRoleReadsThePrograms() {
        String code = "T-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        programs.save(new Program(UUID.randomUUID(), code, "Test program " + code, "BJA", null, now, now));
        for (String token : List.of(TOKENS.official(UUID.randomUUID()), TOKENS.dojOfficer(), TOKENS.service("notifications"))) {
            TestHttp.Response response = http.get("/api/programs", token);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains(code);
        }
    }
}

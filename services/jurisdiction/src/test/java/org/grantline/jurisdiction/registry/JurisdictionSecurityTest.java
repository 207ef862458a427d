package org.grantline.jurisdiction.registry;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.shared.test.ServiceSecurityContract;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The service checks every token itself, whoever forwards the request; only DOJ officers and admins write. */
@MicronautTest(transactional = false)
class JurisdictionSecurityTest extends ServiceSecurityContract {

    @Override
    protected String service() {
        return "jurisdiction";
    }

    @Override
    protected String protectedPath() {
        return "/api/jurisdictions";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aForgedTokenCannotWriteEither(String attack) {
        TestHttp.Response write = http.post("/api/jurisdictions", TOKENS.attacks().get(attack), Map.of("name", "Evil",
                "type", "CITY", "state", "MD", "fips", "2499999", "timeZone", "America/New_York"));
        assertThat(write.status()).as(attack).isEqualTo(401);
    }

    static Stream<Object[]> writers() {
        UUID own = UUID.randomUUID();
        return Stream.of(
                new Object[]{"admin", TOKENS.admin(), 201},
                new Object[]{"doj officer", TOKENS.dojOfficer(), 201},
                new Object[]{"auditor", TOKENS.auditor(), 403},
                new Object[]{"official", TOKENS.official(own), 403},
                new Object[]{"legal officer", TOKENS.legalOfficer(own), 403},
                new Object[]{"service", TOKENS.service("notifications"), 403},
                new Object[]{"anonymous", null, 401});
    }

    @ParameterizedTest(name = "{0} creating → {2}")
    @MethodSource("writers")
    void onlyDojOfficersAndAdminsWriteTheRegistry(String who, String token, int expected) {
        String fips = "24" + String.format("%05d", ThreadLocalRandom.current().nextInt(100000));
        TestHttp.Response response = http.post("/api/jurisdictions", token, Map.of("name", who + " town " + fips,
                "type", "TOWN", "state", "MD", "fips", fips, "timeZone", "America/New_York"));
        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        if (expected != 201) {
            assertThat(response.isProblem()).isTrue();
        }
    }
}

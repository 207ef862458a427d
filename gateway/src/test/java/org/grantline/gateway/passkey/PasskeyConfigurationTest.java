package org.grantline.gateway.passkey;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where passkeys may be used: the web app's URL by default, the configured origins instead, the TLS proxy's extra origins too. */
class PasskeyConfigurationTest {
    static PasskeyService configured(List<String> origins, String appUrl, String rpId, List<String> webOrigins) {
        return new PasskeyService(null, null, null, null, origins, appUrl, rpId, webOrigins);
    }

    @Test
    void theDefaultIsTheWebAppsOwnOriginAndHost() {
        PasskeyService embedded = configured(List.of(), "http://localhost:8080/", "", List.of());
        assertThat(embedded.rpId()).isEqualTo("localhost");
        assertThat(embedded.origins()).containsExactly("http://localhost:8080");
    }

    @Test
    void configuredOriginsComeFirstThenTheWebSessionsAllowedOnesAndTheRelyingPartyMayBeAParentDomain() {
        PasskeyService production = configured(List.of("https://grantline.justice.gov", " "), "http://localhost:8080",
                "", List.of("https://grantline-dr.justice.gov"));
        assertThat(production.rpId()).isEqualTo("grantline.justice.gov");
        assertThat(production.origins()).containsExactly("https://grantline.justice.gov", "https://grantline-dr.justice.gov");
        assertThat(configured(List.of("https://grantline.justice.gov"), "x", "justice.gov", List.of()).rpId()).isEqualTo("justice.gov");
    }
}

package org.grantline.gateway.mfa;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {
    /** RFC 6238 appendix B's SHA-1 key, "12345678901234567890". */
    static final String RFC_SECRET = Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    /** RFC 6238 appendix B, SHA-1: the 8-digit values' last six digits are the 6-digit codes of the same HMAC. */
    @ParameterizedTest
    @CsvSource({"59,94287082", "1111111109,07081804", "1111111111,14050471", "1234567890,89005924",
            "2000000000,69279037", "20000000000,65353130"})
    void codesAreThoseOfRfc6238AppendixB(long time, String eightDigits) {
        long step = Totp.step(Instant.ofEpochSecond(time));
        assertThat(Totp.code(RFC_SECRET, step)).isEqualTo(eightDigits.substring(2));
    }

    @Test
    void aCodeMatchesItsStepAndOneEitherSideOnly() {
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        long step = Totp.step(now);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step), now)).hasValue(step);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "12345a", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "", now)).isEmpty();
    }

    @Test
    void base32RoundTripsAndTheUriIsWhatAuthenticatorAppsRead() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");   // RFC 4648 §10
        String secret = Totp.newSecret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Base32.decode(secret)).hasSize(20);
        assertThat(Totp.uri("GrantLine", "dana.officer", secret))
                .isEqualTo("otpauth://totp/GrantLine:dana.officer?secret=" + secret
                        + "&issuer=GrantLine&algorithm=SHA1&digits=6&period=30");
        assertThat(QrCodes.svg(Totp.uri("GrantLine", "x", secret))).startsWith("<svg").contains("<path").endsWith("</svg>");
    }
}

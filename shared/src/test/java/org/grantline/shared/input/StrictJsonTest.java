package org.grantline.shared.input;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The strict reader on its own: what it takes, what it refuses, and which field it names. */
class StrictJsonTest {

    enum Colour { RED, GREEN }

    @Serdeable
    record Line(String label, int count, @Nullable BigDecimal amount) {
    }

    @Serdeable
    record Order(UUID id, boolean urgent, long sequence, short small, LocalDate due, @Nullable Instant at, Colour colour,
                 List<Line> lines, @Nullable Map<String, Integer> tally, @JsonProperty("client_ref") @Nullable String clientRef,
                 @Nullable Object anything) {
    }

    static final String GOOD = "{\"id\":\"" + UUID.randomUUID() + "\",\"urgent\":true,\"sequence\":12345678901,\"small\":7,"
            + "\"due\":\"2017-08-18\",\"at\":\"2017-08-18T21:00:00Z\",\"colour\":\"RED\","
            + "\"lines\":[{\"label\":\"a\",\"count\":1,\"amount\":\"10.50\"},{\"label\":\"b\",\"count\":2,\"amount\":3.25}],"
            + "\"tally\":{\"x\":1},\"client_ref\":\"r-1\",\"anything\":{\"deep\":[1,\"two\",null]},\"unknown\":[true]}";

    static StrictJson.Refused refused(String json) {
        return catchThrowableOfType(StrictJson.Refused.class,
                () -> StrictJson.check(json.getBytes(StandardCharsets.UTF_8), Argument.of(Order.class)));
    }

    @Test
    void aDocumentOfTheRightShapePasses() {
        assertThatCode(() -> StrictJson.check(GOOD.getBytes(StandardCharsets.UTF_8), Argument.of(Order.class)))
                .doesNotThrowAnyException();
        assertThatCode(() -> StrictJson.check(new byte[0], Argument.of(Order.class))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"urgent\":true | \"urgent\":\"true\" | urgent",
            "\"sequence\":12345678901 | \"sequence\":1.5 | sequence",
            "\"small\":7 | \"small\":70000 | small",
            "\"due\":\"2017-08-18\" | \"due\":\"2200-01-01\" | due",
            "\"due\":\"2017-08-18\" | \"due\":\"18/08/2017\" | due",
            "\"at\":\"2017-08-18T21:00:00Z\" | \"at\":\"1899-12-31T23:59:59Z\" | at",
            "\"colour\":\"RED\" | \"colour\":\"red\" | colour",
            "\"count\":2 | \"count\":\"2\" | lines[1].count",
            "\"amount\":3.25 | \"amount\":\"3,25\" | lines[1].amount",
            "\"label\":\"b\" | \"label\":\"b\\u0000\" | lines[1].label",
            "\"tally\":{\"x\":1} | \"tally\":{\"x\":\"1\"} | tally.x",
            "\"client_ref\":\"r-1\" | \"client_ref\":1 | client_ref",
            "\"deep\":[1,\"two\",null] | \"deep\":[1,\"t\\u0000o\",null] | anything.deep[1]",
            "\"tally\":{\"x\":1} | \"tally\":{\"x\":1,\"x\":2} | tally.x",
    })
    void aValueNotTakenLiterallyIsRefusedNamingItsPath(String good, String bad, String field) {
        assertThat(GOOD).contains(good);
        StrictJson.Refused refused = refused(GOOD.replace(good, bad));
        assertThat(refused).as(bad).isNotNull();
        assertThat(refused.field()).isEqualTo(field);
    }

    @Test
    void malformedJsonAndTrailingContentAreRefused() {
        assertThat(refused(GOOD + " {}").field()).isEqualTo("body");
        assertThat(refused(GOOD + " x").reason()).contains("after the JSON document");
        assertThat(refused(GOOD.substring(0, 40)).reason()).startsWith("is not valid JSON");
        assertThat(refused("[" + GOOD + "]").reason()).isEqualTo("must be an object");
    }
}

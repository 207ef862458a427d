package org.grantline.notifications.email;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VAlarm;
import biweekly.component.VEvent;
import biweekly.io.ParseWarning;
import biweekly.parameter.Related;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link Ics} writes, read back by biweekly: the calendar's properties, each event's times in UTC and its
 * text with the characters RFC 5545 escapes, alarms before the start; valid iCalendar 2.0 with no parse warnings.
 */
class IcsTest {
    static final Instant START = Instant.parse("2033-03-11T04:59:00Z");
    static final Instant STAMP = Instant.parse("2033-03-01T00:00:00Z");
    static final String SUMMARY = "Deadline: 8 U.S.C. 1373; access, notice \\ and a backslash";
    static final String DESCRIPTION = "Award 2017-DJ-BX-1004.\nDeadline: Thursday, March 10, 2033; 11:59 PM EST, Baltimore";

    @Test
    void writesTheCalendarAndEachEventAsRfc5545Wants() {
        String text = Ics.calendar("GrantLine deadlines; Baltimore, MD", List.of(
                new Ics.Event("r1@grantline", START, SUMMARY, DESCRIPTION, "https://grantline.test/#/requirements/r1",
                        List.of(Duration.ofDays(7), Duration.ofHours(2))),
                new Ics.Event("r2@grantline", START.plus(Duration.ofDays(1)), "Closed", "No alarms", null, List.of())), STAMP);

        assertThat(text).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n")
                .contains("\r\nPRODID:-//GrantLine//Notifications//EN\r\n", "\r\nCALSCALE:GREGORIAN\r\n", "\r\nMETHOD:PUBLISH\r\n",
                        "\r\nX-WR-CALNAME:GrantLine deadlines\\; Baltimore\\, MD\r\n", "\r\nDTSTART:20330311T045900Z\r\n",
                        "\r\nDTEND:20330311T052900Z\r\n", "\r\nDTSTAMP:20330301T000000Z\r\n", "\r\nTRIGGER;RELATED=START:-P1W\r\n",
                        "\r\nTRIGGER;RELATED=START:-PT2H\r\n")
                .doesNotContain("biweekly");
        List<List<ParseWarning>> warnings = new ArrayList<>();
        ICalendar calendar = Biweekly.parse(text).warnings(warnings).first();
        assertThat(warnings).allSatisfy(w -> assertThat(w).as("parse warnings").isEmpty());
        assertThat(calendar.validate(ICalVersion.V2_0).isEmpty()).as(calendar.validate(ICalVersion.V2_0).toString()).isTrue();
        assertThat(calendar.getExperimentalProperty("X-WR-CALNAME").getValue()).isEqualTo("GrantLine deadlines\\; Baltimore\\, MD");
        assertThat(calendar.getEvents()).hasSize(2);

        VEvent first = calendar.getEvents().get(0);
        assertThat(first.getUid().getValue()).isEqualTo("r1@grantline");
        assertThat(first.getDateTimeStamp().getValue().toInstant()).isEqualTo(STAMP);
        assertThat(first.getDateStart().getValue().toInstant()).isEqualTo(START);
        assertThat(first.getDateEnd().getValue().toInstant()).isEqualTo(START.plus(Ics.LENGTH));
        assertThat(first.getSummary().getValue()).isEqualTo(SUMMARY);
        assertThat(first.getDescription().getValue()).isEqualTo(DESCRIPTION);
        assertThat(first.getUrl().getValue()).isEqualTo("https://grantline.test/#/requirements/r1");
        assertThat(first.getTransparency().isTransparent()).isTrue();
        assertThat(first.getAlarms()).hasSize(2);
        for (VAlarm alarm : first.getAlarms()) {
            assertThat(alarm.getAction().isDisplay()).isTrue();
            assertThat(alarm.getDescription().getValue()).isEqualTo(SUMMARY);
            assertThat(alarm.getTrigger().getRelated()).isEqualTo(Related.START);
        }
        assertThat(first.getAlarms()).extracting(a -> a.getTrigger().getDuration().toMillis())
                .containsExactly(-Duration.ofDays(7).toMillis(), -Duration.ofHours(2).toMillis());

        VEvent second = calendar.getEvents().get(1);
        assertThat(second.getUrl()).isNull();
        assertThat(second.getAlarms()).isEmpty();
    }
}

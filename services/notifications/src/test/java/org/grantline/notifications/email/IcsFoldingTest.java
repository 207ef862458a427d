package org.grantline.notifications.email;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 5545 §3.1 line folding, checked with a real parser (biweekly): our feeds fold at 75 octets with
 * CRLF + space and never inside a UTF-8 character; a feed folded as Outlook folds it — at exactly 75
 * octets, a multi-byte character cut across the fold — reads back to the same text.
 */
class IcsFoldingTest {
    static final String SUMMARY = "Deadline: Certification of compliance with 8 U.S.C. 1373 — Peñalosa, São Tomé "
            + "& Zürich counties (Ŝtato de Nov-Jorko) 🚓 ".repeat(3).trim();
    static final String URL = "https://grantline.test/#/requirements/" + "0e19a43b-2bcb-425d-a72f-1a3dd50e5831";

    /** "SUMMARY:" and 66 octets, then "é" across octet 75; on the next line a 4-octet emoji across the fold again. */
    static final String CUT = "a".repeat(66) + "é" + "b".repeat(71) + "🚓 and the end";

    static String feed() {
        return feed(SUMMARY);
    }

    static String feed(String summary) {
        return Ics.calendar("GrantLine deadlines — São Tomé", List.of(new Ics.Event("r1@grantline", Instant.parse("2033-03-11T04:59:00Z"),
                summary, "Award 2017-DJ-BX-1004. Deadline: Thursday, March 10, 2033 at 11:59 PM EST; ñ é ü ✓.", URL,
                List.of(Duration.ofDays(7), Duration.ofDays(1)))), Instant.parse("2033-03-01T00:00:00Z"));
    }

    @Test
    void ourFeedFoldsAt75OctetsWithCrlfAndNeverInsideAUtf8Character() throws Exception {
        byte[] bytes = feed().getBytes(StandardCharsets.UTF_8);
        List<byte[]> lines = lines(bytes);
        assertThat(lines).hasSizeGreaterThan(10);
        int folded = 0;
        for (byte[] line : lines) {
            assertThat(line.length).as(new String(line, StandardCharsets.UTF_8)).isLessThanOrEqualTo(75);
            strictUtf8(line);   // a line cut inside a character would not decode on its own
            if (line.length > 0 && line[0] == ' ') {
                folded++;
            }
        }
        assertThat(folded).as("the long SUMMARY, DESCRIPTION and URL are folded").isGreaterThanOrEqualTo(4);
        ICalendar calendar = Biweekly.parse(new String(bytes, StandardCharsets.UTF_8)).first();
        VEvent event = calendar.getEvents().get(0);
        assertThat(event.getSummary().getValue()).isEqualTo(SUMMARY);
        assertThat(event.getUrl().getValue()).isEqualTo(URL);
        assertThat(event.getDateEnd().getValue().toInstant()).isAfter(event.getDateStart().getValue().toInstant());
        assertThat(event.getAlarms()).hasSize(2);
    }

    @Test
    void aFeedFoldedOutlookStyleAcrossAMultiByteCharacterReadsBackTheSame() throws Exception {
        byte[] ours = feed(CUT).getBytes(StandardCharsets.UTF_8);
        lines(ours).forEach(line -> {
            assertThat(line.length).isLessThanOrEqualTo(75);
            try {
                strictUtf8(line);
            } catch (CharacterCodingException e) {
                throw new AssertionError("our own fold cut a character", e);
            }
        });
        assertThat(Biweekly.parse(new String(ours, StandardCharsets.UTF_8)).first().getEvents().get(0).getSummary().getValue()).isEqualTo(CUT);
        byte[] outlook = foldAtOctets(unfold(ours));
        boolean cut = false;
        for (byte[] line : lines(outlook)) {
            assertThat(line.length).isLessThanOrEqualTo(75);
            try {
                strictUtf8(line);
            } catch (CharacterCodingException e) {
                cut = true;
            }
        }
        assertThat(cut).as("the test feed has a character cut across a fold").isTrue();
        // RFC 5545 §3.1: unfold octets first (CRLF + one space or tab), then decode UTF-8.
        String text = new String(unfold(outlook), StandardCharsets.UTF_8);
        VEvent event = Biweekly.parse(text).first().getEvents().get(0);
        assertThat(event.getSummary().getValue()).isEqualTo(CUT);
        assertThat(event.getUrl().getValue()).isEqualTo(URL);
        // biweekly's own reader over the raw octets decodes UTF-8 before it unfolds, so it reads a cut character as
        // U+FFFD: many readers do, which is why our fold never cuts one. The ASCII lines read back the same.
        VEvent raw = Biweekly.parse(new ByteArrayInputStream(outlook)).first().getEvents().get(0);
        assertThat(raw.getUrl().getValue()).isEqualTo(URL);
    }

    /** Physical lines, each of which must end with CRLF (a bare LF or CR fails). */
    static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                assertThat(i).as("LF at octet " + i + " follows CR").isGreaterThan(0);
                assertThat(bytes[i - 1]).as("LF at octet " + i + " follows CR").isEqualTo((byte) '\r');
                byte[] line = new byte[i - 1 - start];
                System.arraycopy(bytes, start, line, 0, line.length);
                for (byte b : line) {
                    assertThat(b).as("a bare CR inside a line").isNotEqualTo((byte) '\r');
                }
                lines.add(line);
                start = i + 1;
            }
        }
        assertThat(start).as("the feed ends with CRLF").isEqualTo(bytes.length);
        return lines;
    }

    static void strictUtf8(byte[] line) throws CharacterCodingException {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
    }

    static byte[] unfold(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && i + 2 < bytes.length && bytes[i + 1] == '\n' && (bytes[i + 2] == ' ' || bytes[i + 2] == '\t')) {
                i += 2;
                continue;
            }
            out.write(bytes[i]);
        }
        return out.toByteArray();
    }

    /** Folds each logical line at exactly 75 octets (74 after the leading space), wherever that falls: as Outlook does. */
    static byte[] foldAtOctets(byte[] unfolded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int col = 0;
        boolean first = true;
        for (int i = 0; i < unfolded.length; i++) {
            byte b = unfolded[i];
            if (b == '\r' && i + 1 < unfolded.length && unfolded[i + 1] == '\n') {
                out.write('\r');
                out.write('\n');
                i++;
                col = 0;
                first = true;
                continue;
            }
            if (col == 75) {
                out.write('\r');
                out.write('\n');
                out.write(' ');
                col = 1;
                first = false;
            }
            out.write(b);
            col++;
        }
        return out.toByteArray();
    }
}

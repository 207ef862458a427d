package org.grantline.documents.upload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the bytes are, whatever the name says: text is strict UTF-8 without control characters. */
class ContentDetectorTest {

    private static Optional<String> detect(byte[] bytes, int chunk) {
        ContentDetector detector = new ContentDetector();
        for (int i = 0; i < bytes.length; i += chunk) {
            detector.update(bytes, i, Math.min(chunk, bytes.length - i));
        }
        return detector.result();
    }

    private static byte[] text(String prefix, String hex, String suffix) {
        byte[] a = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] b = HexFormat.of().parseHex(hex);
        byte[] c = suffix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(c, 0, all, a.length + b.length, c.length);
        return all;
    }

    @Test
    void plainTextWithLineBreaksTabsAndEveryLengthOfCharacterIsTextWhateverTheChunking() {
        String s = "Certification under 8 U.S.C. 1373\r\n\tSigned: José Ñúñez — 48 hours’ notice 🇺🇸 \f end\n".repeat(50);
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[]{1, 2, 3, 5, 7, 8, 9, 64, 4096, bytes.length}) {
            assertThat(detect(bytes, chunk)).as("chunk " + chunk).contains(ContentDetector.TEXT);
        }
    }

    @ParameterizedTest(name = "{0} is not text")
    @ValueSource(strings = {
            "00",           // NUL
            "07",           // bell
            "1b",           // escape
            "7f",           // delete
            "c0af",         // overlong '/'
            "e080af",       // overlong three-byte form
            "f08080af",     // overlong four-byte form
            "eda080",       // a UTF-16 surrogate
            "f4908080",     // past U+10FFFF
            "80",           // a stray continuation byte
            "c3",           // a character cut short by the end of the file
            "c328",         // a lead byte without its continuation
            "ff",           // never in UTF-8
    })
    void controlCharactersAndMalformedUtf8AreNotTextWherever(String hex) {
        // At the start, in the middle of an ASCII run (where eight bytes are checked at once) and at the end.
        for (byte[] bytes : new byte[][]{text("", hex, "abcdefghijklmnop"), text("abcdefghijk", hex, "lmnopqrstuvwxyz"),
                text("abcdefghijklmnopqrstuvw", hex, "")}) {
            for (int chunk : new int[]{1, 3, 8, 64}) {
                assertThat(detect(bytes, chunk)).as(hex + " in chunks of " + chunk).isEmpty();
            }
        }
    }

    @Test
    void magicNumbersDecideBinaryKinds() {
        assertThat(detect("%PDF-1.7\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1), 4)).contains(ContentDetector.PDF);
        assertThat(detect(HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452"), 3)).contains(ContentDetector.PNG);
        assertThat(detect(HexFormat.of().parseHex("ffd8ffe000104a464946"), 1)).contains(ContentDetector.JPEG);
        assertThat(detect(HexFormat.of().parseHex("504b0304140000000800"), 2)).isEmpty();   // a ZIP without Word parts
        assertThat(detect(new byte[0], 1)).isEmpty();
    }
}

package org.grantline.documents.upload;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells what a file is from its bytes, fed in order as they stream past: PDF, PNG, JPEG, DOCX (a
 * ZIP holding {@code [Content_Types].xml} and a {@code word/} part) or plain text (valid UTF-8
 * without NUL or other control characters but tab, line feed, carriage return and form feed).
 * Anything else is unknown. Never trusts a name or a declared type.
 */
public final class ContentDetector {
    public static final String PDF = "application/pdf";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String TEXT = "text/plain; charset=UTF-8";

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final byte[] head = new byte[16];
    private int headLength;
    private long total;

    // plain text
    private boolean maybeText = true;
    private int need;                 // continuation bytes the current character still needs
    private int lo = 0x80;            // the range the next continuation byte must lie in
    private int hi = 0xbf;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long ONE_BYTES = 0x0101010101010101L;
    private static final long CONTROL_BELOW = 0x2020202020202020L;
    private static final long DEL_BYTES = 0x7f7f7f7f7f7f7f7fL;

    // ZIP local file headers: signature, 26 header bytes, then the name
    private boolean zip;
    private final ZipNames zipNames = new ZipNames();

    public void update(byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        for (int i = 0; i < len && headLength < head.length; i++) {
            head[headLength++] = b[off + i];
        }
        if (total == 0 || (total < head.length)) {
            zip = startsWith(ZIP_MAGIC);
        }
        total += len;
        if (maybeText) {
            text(b, off, len);
        }
        if (zip) {
            zipNames.update(b, off, len);
        }
    }

    /** The detected type once every byte was fed, or empty when it is none of the allowed kinds. */
    public Optional<String> result() {
        if (total == 0) {
            return Optional.empty();
        }
        if (startsWith(PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        if (startsWith(PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (zip) {
            return zipNames.contentTypes && zipNames.word ? Optional.of(DOCX) : Optional.empty();
        }
        if (maybeText && need == 0) {
            return Optional.of(TEXT);
        }
        return Optional.empty();
    }

    /** A short name of what the bytes look like, for error messages. */
    public String describe() {
        if (zip) {
            return "a ZIP archive that is not a Word document";
        }
        return maybeText ? "text" : "binary data of an unsupported kind";
    }

    private boolean startsWith(byte[] magic) {
        if (headLength < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that the bytes are UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past
     * U+10FFFF) without control characters other than tab, line feed, form feed and carriage return.
     * Runs of plain ASCII are checked eight bytes at a time; a character split between two chunks
     * carries over ({@link #need}).
     */
    private void text(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            if (need == 0) {
                while (i + 8 <= end) {
                    long special = special((long) LONGS.get(b, i));
                    if (special != 0) {
                        i += Long.numberOfTrailingZeros(special) >>> 3;   // to the first byte that is not printable ASCII
                        break;
                    }
                    i += 8;
                }
                if (i >= end) {
                    return;
                }
            }
            int x = b[i++] & 0xff;
            if (need > 0) {
                if (x < lo || x > hi) {
                    maybeText = false;
                    return;
                }
                lo = 0x80;
                hi = 0xbf;
                need--;
            } else if (x < 0x80) {
                if (x < 0x20 && x != '\t' && x != '\n' && x != '\r' && x != '\f' || x == 0x7f) {
                    maybeText = false;
                    return;
                }
            } else if (x >= 0xc2 && x <= 0xdf) {
                need = 1;
            } else if (x >= 0xe0 && x <= 0xef) {
                need = 2;
                lo = x == 0xe0 ? 0xa0 : 0x80;   // no overlong three-byte forms
                hi = x == 0xed ? 0x9f : 0xbf;   // no surrogates
            } else if (x >= 0xf0 && x <= 0xf4) {
                need = 3;
                lo = x == 0xf0 ? 0x90 : 0x80;   // no overlong four-byte forms
                hi = x == 0xf4 ? 0x8f : 0xbf;   // nothing past U+10FFFF
            } else {
                maybeText = false;              // a stray continuation byte, C0, C1 or F5..FF
                return;
            }
        }
    }

    /**
     * The high bit of each of the eight bytes that is not printable ASCII (0x20 to 0x7e): set, below
     * 0x20 or DEL. The lowest bit set always marks such a byte (borrows only spill upwards).
     */
    private static long special(long w) {
        long del = w ^ DEL_BYTES;
        return (w | ((w - CONTROL_BELOW) & ~w) | ((del - ONE_BYTES) & ~del)) & HIGH_BITS;
    }

    /** Collects the names of a ZIP's entries from their local file headers as the bytes pass. */
    private static final class ZipNames {
        boolean contentTypes;
        boolean word;
        private int matched;                 // bytes of the signature matched so far
        private final byte[] header = new byte[26];
        private int headerRead = -1;         // -1: not in a header
        private byte[] name;
        private int nameRead;

        void update(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                byte x = b[i];
                if (name != null) {
                    name[nameRead++] = x;
                    if (nameRead == name.length) {
                        String entry = new String(name, StandardCharsets.UTF_8);
                        contentTypes |= entry.equals("[Content_Types].xml");
                        word |= entry.startsWith("word/");
                        name = null;
                    }
                    continue;
                }
                if (headerRead >= 0) {
                    header[headerRead++] = x;
                    if (headerRead == header.length) {
                        int nameLength = (header[22] & 0xff) | (header[23] & 0xff) << 8;
                        headerRead = -1;
                        if (nameLength > 0 && nameLength <= 1024) {
                            name = new byte[nameLength];
                            nameRead = 0;
                        }
                    }
                    continue;
                }
                if (x == ZIP_MAGIC[matched]) {
                    matched++;
                    if (matched == ZIP_MAGIC.length) {
                        matched = 0;
                        headerRead = 0;
                    }
                } else {
                    matched = x == ZIP_MAGIC[0] ? 1 : 0;
                }
            }
        }
    }
}

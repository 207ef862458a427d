package org.grantline.documents.upload;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private ByteBuffer pending = ByteBuffer.allocate(0);

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
        if (maybeText && pending.remaining() == 0) {
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

    private void text(byte[] b, int off, int len) {
        ByteBuffer in;
        if (pending.hasRemaining()) {
            in = ByteBuffer.allocate(pending.remaining() + len);
            in.put(pending).put(b, off, len).flip();
        } else {
            in = ByteBuffer.wrap(b, off, len);
        }
        while (true) {
            chars.clear();
            CoderResult result = utf8.decode(in, chars, false);
            chars.flip();
            while (chars.hasRemaining()) {
                char c = chars.get();
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f) {
                    maybeText = false;
                    return;
                }
            }
            if (result.isError()) {
                maybeText = false;
                return;
            }
            if (result.isUnderflow()) {
                break;
            }
        }
        // at most 3 bytes of an unfinished character wait for the next chunk
        pending = ByteBuffer.allocate(in.remaining());
        pending.put(in).flip();
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

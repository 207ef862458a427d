package org.grantline.documents.upload;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming reader of a {@code multipart/form-data} body (RFC 7578): one part at a time, each
 * part's content as an {@link InputStream} that ends at the next delimiter. It holds one fixed
 * buffer, never a part. Anything malformed — no delimiter, headers too long, the body ending before
 * the closing delimiter — is a {@link MalformedMultipartException}.
 */
public final class MultipartReader {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONE_BYTES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private final byte[] delimiter;          // CRLF "--" boundary
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean finished;
    private PartStream current;

    public MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The boundary parameter of a multipart/form-data content type, or null. */
    public static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() || b.length() > 70 ? null : b;
            }
        }
        return null;
    }

    public record Part(Map<String, String> headers, String name, String filename, boolean isFile, InputStream content) {
    }

    /** The next part, or null after the closing delimiter. */
    public Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current == null) {
            skipPreamble();
        } else {
            current.drain();
        }
        // After a delimiter: "--" closes the body, CRLF starts a part.
        fill(2);
        if (lim - pos < 2) {
            throw new MalformedMultipartException("the body ends without the closing boundary");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        // Transport padding (whitespace) may precede the CRLF.
        while (true) {
            fill(2);
            if (lim - pos < 2) {
                throw new MalformedMultipartException("the body ends inside a boundary line");
            }
            if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
                pos += 2;
                break;
            }
            if (buf[pos] == ' ' || buf[pos] == '\t') {
                pos++;
                continue;
            }
            throw new MalformedMultipartException("a boundary line is malformed");
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.get("content-disposition");
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new MalformedMultipartException("a part has no Content-Disposition: form-data header");
        }
        Map<String, String> params = dispositionParams(disposition);
        String name = params.get("name");
        boolean isFile = params.containsKey("filename") || params.containsKey("filename*");
        String filename = params.containsKey("filename*") ? decodeExtended(params.get("filename*")) : params.get("filename");
        current = new PartStream();
        return new Part(headers, name, filename, isFile, current);
    }

    private void skipPreamble() throws IOException {
        // The first delimiter may start the body without the leading CRLF.
        byte[] first = java.util.Arrays.copyOfRange(delimiter, 2, delimiter.length);
        fill(first.length);
        if (startsWith(first)) {
            pos += first.length;
            return;
        }
        while (true) {
            fill(delimiter.length);
            int at = indexOf(delimiter, pos, lim);
            if (at >= 0) {
                pos = at + delimiter.length;
                return;
            }
            if (eof) {
                throw new MalformedMultipartException("the body has no boundary " + new String(first, StandardCharsets.ISO_8859_1));
            }
            pos = Math.max(pos, lim - delimiter.length + 1);
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_HEADERS) {
                throw new MalformedMultipartException("a part's headers are too long");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedMultipartException("a part header is malformed");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    /** One header line, read as UTF-8 (browsers send file names that way), without its CRLF. */
    private String readLine() throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        while (true) {
            fill(2);
            if (lim - pos < 2) {
                throw new MalformedMultipartException("the body ends inside a part's headers");
            }
            if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
                pos += 2;
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(buf[pos++]);
            if (line.size() > MAX_HEADERS) {
                throw new MalformedMultipartException("a part's headers are too long");
            }
        }
    }

    static Map<String, String> dispositionParams(String disposition) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = disposition.indexOf(';');
        while (i >= 0 && i < disposition.length()) {
            i++;
            while (i < disposition.length() && disposition.charAt(i) == ' ') {
                i++;
            }
            int eq = disposition.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = disposition.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < disposition.length() && disposition.charAt(j) == '"') {
                j++;
                while (j < disposition.length() && disposition.charAt(j) != '"') {
                    char c = disposition.charAt(j);
                    if (c == '\\' && j + 1 < disposition.length()) {
                        c = disposition.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                j++;
                int semi = disposition.indexOf(';', j);
                i = semi;
            } else {
                int semi = disposition.indexOf(';', j);
                value.append(disposition, j, semi < 0 ? disposition.length() : semi);
                i = semi;
            }
            params.putIfAbsent(key, key.endsWith("*") ? value.toString().strip() : value.toString());
            if (i < 0) {
                break;
            }
        }
        return params;
    }

    /** RFC 5987 {@code UTF-8''percent-encoded}; anything else is taken as it is. */
    static String decodeExtended(String value) {
        int quote = value.indexOf("''");
        if (quote < 0) {
            return value;
        }
        String encoded = value.substring(quote + 2);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                try {
                    bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    // not an escape: keep the %
                }
            }
            bytes.write(c);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private boolean startsWith(byte[] prefix) {
        if (lim - pos < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (buf[pos + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** Where the needle starts in buf[from, to), or -1; candidates (its first byte) are looked for eight bytes at a time. */
    private int indexOf(byte[] needle, int from, int to) {
        byte first = needle[0];
        long pattern = (first & 0xffL) * ONE_BYTES;
        int last = to - needle.length;
        int i = from;
        while (i <= last) {
            if (i + 8 <= to) {
                long x = (long) LONGS.get(buf, i) ^ pattern;
                long found = (x - ONE_BYTES) & ~x & HIGH_BITS;   // the lowest bit set marks the first byte equal to first
                if (found == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(found) >>> 3;
                if (i > last) {
                    break;
                }
            } else if (buf[i] != first) {
                i++;
                continue;
            }
            if (matchesAt(needle, i)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private boolean matchesAt(byte[] needle, int at) {
        for (int k = 1; k < needle.length; k++) {
            if (buf[at + k] != needle[k]) {
                return false;
            }
        }
        return true;
    }

    /** Makes at least {@code n} bytes available from pos, unless the body ends first. */
    private void fill(int n) throws IOException {
        if (lim - pos >= n) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < n && !eof) {
            int read = in.read(buf, lim, buf.length - lim);
            if (read < 0) {
                eof = true;
            } else {
                lim += read;
            }
        }
    }

    /** One part's content: up to the next delimiter, which it leaves for {@link #next()}. */
    private final class PartStream extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (lim - pos < delimiter.length) {
                fill(buf.length);   // as much as fits: fewer, larger copies
            }
            int at = indexOf(delimiter, pos, lim);
            int available;
            if (at == pos) {
                pos += delimiter.length;
                ended = true;
                return -1;
            } else if (at > 0) {
                available = at - pos;
            } else if (eof) {
                if (lim - pos == 0) {
                    throw new MalformedMultipartException("the body ends inside a part (truncated upload)");
                }
                // Bytes that could still be a delimiter's start: only give what cannot be one.
                available = lim - pos;
                if (available < delimiter.length && isDelimiterPrefix()) {
                    throw new MalformedMultipartException("the body ends inside a part (truncated upload)");
                }
            } else {
                available = lim - pos - (delimiter.length - 1);
            }
            int n = Math.min(len, available);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean isDelimiterPrefix() {
            for (int k = 0; k < lim - pos; k++) {
                if (buf[pos + k] != delimiter[k]) {
                    return false;
                }
            }
            return true;
        }

        void drain() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // discard the rest of the part
            }
        }
    }

    /** The body is not well-formed multipart/form-data. */
    public static final class MalformedMultipartException extends IOException {
        public MalformedMultipartException(String message) {
            super(message);
        }
    }
}

package org.grantline.documents.upload;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Client file names, which are metadata only (never part of a path). A name that tries something —
 * path parts, dot segments, control characters (raw or percent-encoded, such as {@code a%00.pdf}),
 * bidirectional overrides that disguise an extension — is refused; an acceptable one is kept
 * normalised (NFC, trimmed, at most 255 characters).
 */
public final class FileNames {
    private static final Pattern ENCODED_CONTROL = Pattern.compile("(?i)%(0[0-9a-f]|1[0-9a-f]|7f|2f|5c|e2%80%a[a-e]|e2%81%a[6-9])");

    private FileNames() {
    }

    /** Why the name is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("the file part has no file name");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("the file name contains a path");
        }
        String stripped = name.strip();
        if (stripped.equals(".") || stripped.equals("..") || stripped.startsWith("..")) {
            return Optional.of("the file name is a dot segment");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("the file name contains a control character");
            }
            if (isBidiControl(c) || c == '\uFEFF' || c == '\u200B') {
                return Optional.of("the file name contains a bidirectional or invisible formatting character");
            }
        }
        if (ENCODED_CONTROL.matcher(name).find()) {
            return Optional.of("the file name contains a percent-encoded control character or separator");
        }
        if (name.length() > 255 || name.getBytes(StandardCharsets.UTF_8).length > 1024) {
            return Optional.of("the file name is longer than 255 characters");
        }
        return Optional.empty();
    }

    static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }

    /** The name as kept: NFC, trimmed. Call only on a name {@link #problem} accepted. */
    public static String normalise(String name) {
        return Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
    }

    /** The extension, lower case, or empty. */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The type a name's extension promises, where it promises one of ours. */
    public static Optional<String> promisedType(String name) {
        return Optional.ofNullable(switch (extension(name)) {
            case "pdf" -> ContentDetector.PDF;
            case "png" -> ContentDetector.PNG;
            case "jpg", "jpeg" -> ContentDetector.JPEG;
            case "docx" -> ContentDetector.DOCX;
            case "txt", "text" -> ContentDetector.TEXT;
            default -> null;
        });
    }

    /**
     * {@code Content-Disposition: attachment} for a download (RFC 6266): an ASCII fallback with
     * anything doubtful replaced by {@code _}, and the exact name as UTF-8 in {@code filename*} (RFC 5987).
     */
    public static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != ';' ? c : '_');
        }
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xff;
            if ((v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9')
                    || "!#$&+-.^_`|~".indexOf(v) >= 0) {
                encoded.append((char) v);
            } else {
                encoded.append('%').append(String.format("%02X", v));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}

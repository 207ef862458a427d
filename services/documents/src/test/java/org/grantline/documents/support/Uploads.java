package org.grantline.documents.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds multipart bodies byte for byte (so tests can send what browsers would not) and sends them. */
public final class Uploads {
    public static final String BOUNDARY = "----grantline-test-boundary-7MA4YWxkTrZu0gW";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Uploads(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** One multipart body: fields, then parts as given. */
    public static final class Body {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Body field(String name, String value) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        public Body file(String filename, byte[] content) {
            return rawFile("filename=\"" + filename + "\"", content);
        }

        /** A file part with the Content-Disposition parameters as given (e.g. filename*=UTF-8''...). */
        public Body rawFile(String dispositionParams, byte[] content) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; " + dispositionParams
                    + "\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        public byte[] end() {
            write("--" + BOUNDARY + "--\r\n");
            return out.toByteArray();
        }

        /** Without the closing delimiter: a truncated upload. */
        public byte[] truncated() {
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static Body body() {
        return new Body();
    }

    public static Body document(String kind, String title, String filename, byte[] content) {
        return body().field("kind", kind).field("title", title).file(filename, content);
    }

    public record Response(int status, Map<String, List<String>> headers, byte[] bytes) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }

        public boolean isProblem() {
            String type = header("Content-Type");
            return type != null && type.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }

    public Response post(String path, String token, byte[] body) {
        return send("POST", path, token, body, "multipart/form-data; boundary=" + BOUNDARY, Map.of());
    }

    public Response get(String path, String token, Map<String, String> headers) {
        return send("GET", path, token, null, null, headers);
    }

    public Response send(String method, String path, String token, byte[] body, String contentType, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            headers.forEach((k, v) -> {
                if (k.equalsIgnoreCase("Expect")) {
                    request.expectContinue(true);   // the JDK client sets the header itself
                } else {
                    request.header(k, v);
                }
            });
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            // A request refused at 100-continue leaves its connection unusable: it gets a client of its own.
            HttpClient client = headers.containsKey("Expect") ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build() : CLIENT;
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // Sample files, as small as their formats allow.

    public static byte[] pdf(String text) {
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] png() {
        byte[] b = new byte[64];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(magic, 0, b, 0, magic.length);
        return b;
    }

    public static byte[] jpeg() {
        byte[] b = new byte[64];
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xd8;
        b[2] = (byte) 0xff;
        b[3] = (byte) 0xe0;
        return b;
    }

    public static byte[] docx() {
        return zip(Map.of("[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>"));
    }

    public static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : new LinkedHashMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String title() {
        return "Title " + UUID.randomUUID();
    }

    public static List<String> lines(String s) {
        return new ArrayList<>(s.lines().toList());
    }
}

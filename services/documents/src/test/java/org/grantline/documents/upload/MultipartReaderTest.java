package org.grantline.documents.upload;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming multipart reader finds every delimiter, wherever reads split the body and whatever the content holds. */
class MultipartReaderTest {
    private static final String BOUNDARY = "xYz-0123";

    /** Content full of near-misses: CRs, CRLFs, "--" and delimiter prefixes cut short. */
    private static byte[] trickyContent(int size, long seed) {
        Random random = new Random(seed);
        String[] pieces = {"\r", "\r\n", "\r\n-", "\r\n--", "\r\n--xYz", "\r\n--xYz-012", "-xYz-012", "a", "bcdefgh", "\n", "é"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            out.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] body(byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nA title\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Gives at most {@code max} bytes per read, varying, as a network does. */
    private static InputStream trickle(byte[] body, int max, long seed) {
        Random random = new Random(seed);
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(max)));
            }
        };
    }

    @Test
    void everyPartComesBackExactlyWhateverTheReadSizes() throws IOException {
        for (int size : new int[]{0, 1, 7, 8, 9, 63, 64, 65, 5000, 200_000}) {
            byte[] file = trickyContent(size, size);
            for (int max : new int[]{1, 3, 8, 17, 4096, 70_000}) {
                MultipartReader reader = new MultipartReader(trickle(body(file), max, max), BOUNDARY);
                MultipartReader.Part title = reader.next();
                assertThat(title.name()).isEqualTo("title");
                assertThat(new String(title.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("A title");
                MultipartReader.Part part = reader.next();
                assertThat(part.isFile()).isTrue();
                assertThat(part.filename()).isEqualTo("a.txt");
                assertThat(part.content().readAllBytes()).as("size " + size + ", reads of up to " + max).isEqualTo(file);
                assertThat(reader.next()).isNull();
            }
        }
    }

    @Test
    void aBodyCutOffInsideTheFileIsMalformed() {
        byte[] whole = body(trickyContent(10_000, 1));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 30);
        assertThatThrownBy(() -> {
            MultipartReader reader = new MultipartReader(new ByteArrayInputStream(cut), BOUNDARY);
            MultipartReader.Part part;
            while ((part = reader.next()) != null) {
                part.content().readAllBytes();
            }
        }).isInstanceOf(MultipartReader.MalformedMultipartException.class);
    }
}

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.StandardOpenOption;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 200 MB document through the gateway: upload (multipart, streamed from disk) and download
 * (streamed to disk), in MB/s against a plain file copy on the same disk, while the documents
 * service's heap is sampled from its /prometheus every 50 ms.
 * Usage: java bench/DocumentsBench.java GATEWAY_URL DOCUMENTS_URL PASSWORD WORK_DIR [MB]
 */
public class DocumentsBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String BOUNDARY = "----grantline-bench-boundary-Zq81";

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String documents = args[1];
        String password = args[2];
        Path work = Path.of(args[3]);
        int megabytes = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        long size = megabytes * 1024L * 1024L;
        Path file = work.resolve("bench-document.txt");
        String sha256 = writeText(file, size);

        // The baseline: a plain copy made durable (the service forces every upload to disk before
        // recording it), and without fsync, as cp leaves it in the page cache.
        Path copy = work.resolve("bench-copy.txt");
        long t = System.nanoTime();
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        double cachedCopySeconds = (System.nanoTime() - t) / 1e9;
        Files.delete(copy);
        t = System.nanoTime();
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(copy, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        double copySeconds = (System.nanoTime() - t) / 1e9;
        Files.delete(copy);

        String token = token(gateway, "baltimore.official", password);
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nCERTIFICATION\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBench document\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);

        warmUp(gateway, token, head, tail);
        HeapSampler heap = new HeapSampler(documents, () -> token(gateway, "admin", password));
        long baseline = heap.sample();
        heap.start();
        // Several rounds: the first ones still run partly in the interpreter and C1 (the JIT compiles
        // the per-byte loops only after a few hundred megabytes); the best round is the steady state.
        int rounds = 4;
        double[] up = new double[rounds];
        double[] down = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            double[] seconds = transfer(URI.create(gateway), token, head, file, tail, sha256, size, work);
            up[round] = seconds[0];
            down[round] = seconds[1];
        }
        long peak = heap.peakAndReset();
        heap.stop();
        double[] direct = transfer(URI.create(documents), token, head, file, tail, sha256, size, work);
        // What the service does to every byte, alone on one core of this machine: SHA-256 (the upload
        // hashes each byte once; a download hashes it before sending and again on the way out).
        byte[] block = Files.readAllBytes(file);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        double hashSeconds = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            t = System.nanoTime();
            digest.update(block);
            digest.digest();
            hashSeconds = Math.min(hashSeconds, (System.nanoTime() - t) / 1e9);
        }
        Files.delete(file);

        double mb = size / 1024.0 / 1024.0;
        System.out.println("== documents: one " + megabytes + " MB file through the gateway, " + rounds + " rounds each way");
        System.out.printf("%-50s %9s %9s %9s%n", "transfer", "seconds", "MB/s", "vs copy");
        System.out.printf("%-50s %9.2f %9.0f %9s%n", "plain file copy on the same disk, fsync'd", copySeconds, mb / copySeconds, "1.00");
        System.out.printf("%-50s %9.2f %9.0f %9.2f%n", "(the same copy left in the page cache)", cachedCopySeconds,
                mb / cachedCopySeconds, copySeconds / cachedCopySeconds);
        for (int round = 0; round < rounds; round++) {
            System.out.printf("%-50s %9.2f %9.0f %9.2f%n", "upload, round " + (round + 1) + " (multipart, hashed, type-checked)",
                    up[round], mb / up[round], copySeconds / up[round]);
        }
        for (int round = 0; round < rounds; round++) {
            System.out.printf("%-50s %9.2f %9.0f %9.2f%n", "download, round " + (round + 1) + " (hash verified, streamed)",
                    down[round], mb / down[round], copySeconds / down[round]);
        }
        System.out.printf("%-50s %9.2f %9.0f %9.2f%n", "upload straight to the service (no gateway)", direct[0], mb / direct[0],
                copySeconds / direct[0]);
        System.out.printf("%-50s %9.2f %9.0f %9.2f%n", "download straight from the service", direct[1], mb / direct[1],
                copySeconds / direct[1]);
        System.out.printf("%-50s %9.2f %9.0f %9.2f%n", "SHA-256 of the file in memory, one core", hashSeconds, mb / hashSeconds,
                copySeconds / hashSeconds);
        System.out.printf("best through the gateway: upload %.0f MB/s, download %.0f MB/s (target: half the fsync'd copy, %.0f MB/s)%n",
                mb / java.util.Arrays.stream(up).min().orElseThrow(), mb / java.util.Arrays.stream(down).min().orElseThrow(),
                mb / copySeconds / 2);
        System.out.printf("documents service heap: %.0f MiB before; peak during the transfers %.0f MiB (+%.0f; target < 64 MB)%n",
                baseline / 1048576.0, peak / 1048576.0, (peak - baseline) / 1048576.0);
        System.out.println("(heap used includes garbage not yet collected; the service runs with the suite's -Xmx384m)");
    }

    /** One upload and one download of the file against base; answers their seconds, after checking both. */
    static double[] transfer(URI base, String token, byte[] head, Path file, byte[] tail, String sha256, long size, Path work)
            throws Exception {
        long t = System.nanoTime();
        RawResponse uploaded = rawUpload(base, token, head, file, tail);
        double upload = (System.nanoTime() - t) / 1e9;
        if (uploaded.status() != 201) {
            throw new IllegalStateException("upload: " + uploaded.status() + " " + uploaded.body());
        }
        String id = firstMatch("\"id\":\"([0-9a-f-]{36})\"", uploaded.body());
        if (!uploaded.body().contains(sha256)) {
            throw new IllegalStateException("the service's SHA-256 differs from ours: " + uploaded.body());
        }
        Path downloaded = work.resolve("bench-download.txt");
        t = System.nanoTime();
        int status = rawDownload(base, token, "/api/documents/" + id + "/content", downloaded);
        double download = (System.nanoTime() - t) / 1e9;
        if (status != 200 || Files.size(downloaded) != size || !sha256(downloaded).equals(sha256)) {
            throw new IllegalStateException("download: " + status + ", " + Files.size(downloaded) + " bytes");
        }
        Files.delete(downloaded);
        return new double[]{upload, download};
    }

    record RawResponse(int status, String body) {
    }

    /*
     * The measured transfers speak HTTP/1.1 over a plain socket, moving the file with
     * FileChannel.transferTo/transferFrom: the JDK HttpClient's body publishers and handlers copy
     * in small pieces and would be what is measured (they managed ~110 MB/s here).
     */

    /** POSTs head + file + tail as one multipart body; answers the status and the (small) response body. */
    static RawResponse rawUpload(URI base, String token, byte[] head, Path file, byte[] tail) throws IOException {
        long length = head.length + Files.size(file) + tail.length;
        try (SocketChannel socket = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
             FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            writeAll(socket, ("POST /api/documents HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                    + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            writeAll(socket, head);
            for (long sent = 0, size = in.size(); sent < size; ) {
                sent += in.transferTo(sent, size - sent, socket);
            }
            writeAll(socket, tail);
            Reader response = new Reader(socket);
            Head answer = response.head();
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            if (answer.chunked()) {
                for (long size; (size = response.chunkSize()) > 0; ) {
                    body.write(response.bytes((int) size));
                    response.line();
                }
            } else {
                body.write(response.bytes((int) Math.max(0, answer.length())));
            }
            return new RawResponse(answer.status(), body.toString(StandardCharsets.UTF_8));
        }
    }

    /** GETs a path into a file, whether the response comes with a Content-Length or chunked; answers the status. */
    static int rawDownload(URI base, String token, String path, Path target) throws IOException {
        try (SocketChannel socket = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            writeAll(socket, ("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Reader in = new Reader(socket);
            Head head = in.head();
            long written = 0;
            if (head.chunked()) {
                for (long size; (size = in.chunkSize()) > 0; ) {
                    written += in.transfer(out, written, size);
                    in.line();   // the CRLF after the chunk
                }
            } else if (head.length() >= 0) {
                in.transfer(out, 0, head.length());
            }
            return head.status();
        }
    }

    /** A response's status, Content-Length (-1: none) and whether it is chunked. */
    record Head(int status, long length, boolean chunked) {
    }

    /** Lines from a buffer, bodies straight from the socket into a file with transferFrom. */
    static final class Reader {
        private final SocketChannel socket;
        private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024).flip();

        Reader(SocketChannel socket) {
            this.socket = socket;
        }

        Head head() throws IOException {
            int status = Integer.parseInt(line().substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header; !(header = line()).isEmpty(); ) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            return new Head(status, length, chunked);
        }

        long chunkSize() throws IOException {
            return Long.parseLong(line().split(";")[0].strip(), 16);
        }

        String line() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                if (!buffer.hasRemaining()) {
                    buffer.clear();
                    if (socket.read(buffer) < 0) {
                        throw new IOException("the connection closed inside a line");
                    }
                    buffer.flip();
                }
                char c = (char) buffer.get();
                if (c == '\n') {
                    return line.toString().strip();
                }
                line.append(c);
            }
        }

        byte[] bytes(int count) throws IOException {
            byte[] bytes = new byte[count];
            for (int i = 0; i < count; i++) {
                if (!buffer.hasRemaining()) {
                    buffer.clear();
                    if (socket.read(buffer) < 0) {
                        throw new IOException("the connection closed inside the body");
                    }
                    buffer.flip();
                }
                bytes[i] = buffer.get();
            }
            return bytes;
        }

        long transfer(FileChannel out, long position, long count) throws IOException {
            long done = 0;
            if (buffer.hasRemaining()) {
                int n = (int) Math.min(buffer.remaining(), count);
                ByteBuffer slice = buffer.slice(buffer.position(), n);
                while (slice.hasRemaining()) {
                    done += out.write(slice, position + done);
                }
                buffer.position(buffer.position() + n);
            }
            while (done < count) {
                long n = out.transferFrom(socket, position + done, count - done);
                if (n <= 0) {
                    throw new IOException("the connection closed inside the body");
                }
                done += n;
            }
            return done;
        }
    }

    static void writeAll(SocketChannel socket, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            socket.write(buffer);
        }
    }

    /** A few small uploads and downloads first, so the JIT has compiled the paths being measured. */
    static void warmUp(String gateway, String token, byte[] head, byte[] tail) throws Exception {
        byte[] content = new byte[4 * 1024 * 1024];
        java.util.Arrays.fill(content, (byte) 'w');
        for (int i = 0; i < 8; i++) {
            byte[] body = new byte[head.length + content.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(content, 0, body, head.length, content.length);
            System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
            HttpResponse<String> up = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway + "/api/documents"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            String id = firstMatch("\"id\":\"([0-9a-f-]{36})\"", up.body());
            CLIENT.send(HttpRequest.newBuilder(URI.create(gateway + "/api/documents/" + id + "/content"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    /** Plain text (what the service accepts as text/plain), written in 1 MiB blocks; returns its SHA-256. */
    static String writeText(Path file, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1024 * 1024];
        Random random = new Random(42);
        for (int i = 0; i < block.length; i++) {
            block[i] = (i % 80 == 79) ? (byte) '\n' : (byte) ('a' + random.nextInt(26));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                int n = (int) Math.min(block.length, size - written);
                out.write(block, 0, n);
                digest.update(block, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Where the sampler gets an admin token (metrics are for admins), renewed before it expires. */
    interface TokenSource {
        String get() throws Exception;
    }

    /** Samples jvm_memory_used_bytes{area="heap"} (summed over pools) from the service's /prometheus, as an admin. */
    static final class HeapSampler {
        private final String url;
        private final TokenSource admin;
        private String token;
        private long tokenAt;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        HeapSampler(String documents, TokenSource admin) {
            this.url = documents + "/prometheus";
            this.admin = admin;
        }

        long sample() throws Exception {
            if (token == null || System.nanoTime() - tokenAt > 5L * 60 * 1_000_000_000L) {
                token = admin.get();
                tokenAt = System.nanoTime();
            }
            String metrics = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.E+]+)").matcher(metrics);
            double total = 0;
            while (m.find()) {
                total += Double.parseDouble(m.group(1));
            }
            return (long) total;
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    try {
                        long used = sample();
                        peak.accumulateAndGet(used, Math::max);
                        Thread.sleep(50);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        long peakAndReset() {
            return peak.getAndSet(0);
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    static String token(String gateway, String username, String password) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return firstMatch("\"access_token\":\"([^\"]+)\"", response.body());
    }

    static String firstMatch(String regex, String body) {
        Matcher m = Pattern.compile(regex).matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + body);
        }
        return m.group(1);
    }
}

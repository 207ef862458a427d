import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
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
        HeapSampler heap = new HeapSampler(documents);
        long baseline = heap.sample();
        heap.start();
        t = System.nanoTime();
        HttpResponse<String> uploaded = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway + "/api/documents"))
                .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new SequenceInputStream(java.util.Collections.enumeration(List.of(new ByteArrayInputStream(head),
                                open(file), new ByteArrayInputStream(tail))))), head.length + size + tail.length))
                .build(), HttpResponse.BodyHandlers.ofString());
        double uploadSeconds = (System.nanoTime() - t) / 1e9;
        long uploadPeak = heap.peakAndReset();
        if (uploaded.statusCode() != 201) {
            throw new IllegalStateException("upload: " + uploaded.statusCode() + " " + uploaded.body());
        }
        String id = firstMatch("\"id\":\"([0-9a-f-]{36})\"", uploaded.body());
        if (!uploaded.body().contains(sha256)) {
            throw new IllegalStateException("the service's SHA-256 differs from ours: " + uploaded.body());
        }

        Path downloaded = work.resolve("bench-download.txt");
        t = System.nanoTime();
        HttpResponse<Path> download = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway + "/api/documents/" + id + "/content"))
                .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofFile(downloaded));
        double downloadSeconds = (System.nanoTime() - t) / 1e9;
        long downloadPeak = heap.peakAndReset();
        heap.stop();
        if (download.statusCode() != 200 || Files.size(downloaded) != size || !sha256(downloaded).equals(sha256)) {
            throw new IllegalStateException("download: " + download.statusCode() + ", " + Files.size(downloaded) + " bytes");
        }
        Files.delete(downloaded);
        Files.delete(file);

        double mb = size / 1024.0 / 1024.0;
        System.out.println("== documents: one " + megabytes + " MB file through the gateway");
        System.out.printf("%-44s %9s %9s %14s%n", "transfer", "seconds", "MB/s", "vs copy");
        System.out.printf("%-44s %9.2f %9.0f %14s%n", "plain file copy on the same disk, fsync'd", copySeconds, mb / copySeconds, "1.00");
        System.out.printf("%-44s %9.2f %9.0f %14.2f%n", "(the same copy left in the page cache)", cachedCopySeconds,
                mb / cachedCopySeconds, copySeconds / cachedCopySeconds);
        System.out.printf("%-44s %9.2f %9.0f %14.2f%n", "upload (multipart, hashed, type-checked)", uploadSeconds,
                mb / uploadSeconds, copySeconds / uploadSeconds);
        System.out.printf("%-44s %9.2f %9.0f %14.2f%n", "download (hash verified, then streamed)", downloadSeconds,
                mb / downloadSeconds, copySeconds / downloadSeconds);
        System.out.printf("documents service heap: %.0f MiB before; peak during upload %.0f MiB (+%.0f), during download %.0f MiB (+%.0f)%n",
                baseline / 1048576.0, uploadPeak / 1048576.0, (uploadPeak - baseline) / 1048576.0,
                downloadPeak / 1048576.0, (downloadPeak - baseline) / 1048576.0);
        System.out.println("(heap used includes garbage not yet collected; the service runs with the suite's -Xmx384m)");
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

    static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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

    /** Samples jvm_memory_used_bytes{area="heap"} (summed over pools) from the service's /prometheus. */
    static final class HeapSampler {
        private final String url;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        HeapSampler(String documents) {
            this.url = documents + "/prometheus";
        }

        long sample() throws Exception {
            String metrics = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
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

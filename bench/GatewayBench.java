import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency and throughput of the running suite, measured from a second process over loopback:
 * a read through the gateway vs. the same read straight at the service (the gateway's cost),
 * and sign-in (bcrypt). Bounded: a fixed number of requests per scenario.
 * Usage: java bench/GatewayBench.java GATEWAY_URL SERVICE_URL PASSWORD DATA_DIR
 */
public class GatewayBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String service = args[1];
        String password = args[2];
        Path data = Path.of(args[3]);
        String token = token(gateway, password);

        System.out.printf("%-44s %8s %8s %9s %9s %9s%n", "scenario", "requests", "conc.", "req/s", "p50 ms", "p99 ms");
        run("warm-up (discarded)", 2000, 8, () -> get(gateway + "/api/jurisdictions?size=20", token), false);
        run("GET /api/jurisdictions via gateway", 5000, 8, () -> get(gateway + "/api/jurisdictions?size=20", token), true);
        run("GET /api/jurisdictions direct to service", 5000, 8, () -> get(service + "/api/jurisdictions?size=20", token), true);
        run("GET /api/me (gateway only)", 5000, 8, () -> get(gateway + "/api/me", token), true);
        run("POST /login (bcrypt cost 12)", 100, 2, () -> login(gateway, password), true);

        System.out.println();
        System.out.printf("%-16s %10s%n", "app", "RSS MiB");
        for (String app : List.of("gateway", "jurisdiction", "grants", "documents", "notifications")) {
            String pid = Files.readString(data.resolve("run/" + app + ".pid")).strip();
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            Matcher m = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
            System.out.printf("%-16s %10.0f%n", app, m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN);
        }
    }

    interface Call {
        int call() throws Exception;
    }

    static void run(String name, int requests, int concurrency, Call call, boolean print) throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    long t = System.nanoTime();
                    try {
                        if (call.call() >= 400) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - t;
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        if (print) {
            System.out.printf("%-44s %8d %8d %9.0f %9.2f %9.2f%s%n", name, requests, concurrency, requests / seconds,
                    latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6,
                    failures.get() > 0 ? "  (" + failures.get() + " failed)" : "");
        }
    }

    static int get(String url, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static int login(String gateway, String password) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(gateway + "/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"auditor\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String token(String gateway, String password) throws Exception {
        String body = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway + "/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"doj.officer\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("login failed: " + body);
        }
        return m.group(1);
    }
}

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
 * The registry through the gateway: import of every state and county (the bundled CSV) into an
 * empty registry, the same import again (nothing changes), then a search mix — paced at a fixed
 * rate, and flat out at a fixed concurrency. Bounded: fixed request counts.
 * Usage: java bench/RegistryBench.java GATEWAY_URL PASSWORD CSV
 */
public class RegistryBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String[] STATES = {"CA", "TX", "MD", "NY", "IL", "FL", "GA", "VA", "KY", "MO", "OH", "PA"};
    static final String[] NAMES = {"wash", "lincoln", "jackson", "san", "lake", "city", "mont", "clay"};

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String token = token(gateway, args[1]);
        String csv = Files.readString(Path.of(args[2]));
        int rows = (int) csv.lines().count() - 1;

        long t = System.nanoTime();
        HttpResponse<String> first = post(gateway + "/api/jurisdictions/import", token, csv);
        double firstSeconds = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        HttpResponse<String> second = post(gateway + "/api/jurisdictions/import", token, csv);
        double secondSeconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("import of %d rows into an empty registry: %.2f s  %s%n", rows, firstSeconds, summary(first.body()));
        System.out.printf("same import again:                        %.2f s  %s%n", secondSeconds, summary(second.body()));
        String maryland = firstId(get(gateway + "/api/jurisdictions?type=STATE&state=MD", token));

        List<String> mix = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String state = STATES[i % STATES.length];
            String name = NAMES[i % NAMES.length];
            mix.add(switch (i % 6) {
                case 0 -> "/api/jurisdictions?state=" + state;
                case 1 -> "/api/jurisdictions?name=" + name;
                case 2 -> "/api/jurisdictions?type=COUNTY&state=" + state + "&sort=population,desc";
                case 3 -> "/api/jurisdictions?parentId=" + maryland + "&size=100";
                case 4 -> "/api/jurisdictions?sanctuary=false&state=" + state;
                default -> "/api/jurisdictions?name=" + name + "&type=COUNTY&sort=fips&page=1&size=10";
            });
        }
        System.out.println();
        System.out.printf("%-40s %8s %9s %9s %9s%n", "search mix through the gateway", "requests", "req/s", "p50 ms", "p99 ms");
        run("warm-up (discarded)", gateway, token, mix, 1000, 4, 0, false);
        run("paced at 200 req/s", gateway, token, mix, 3000, 8, 200, true);
        run("flat out, 4 concurrent", gateway, token, mix, 3000, 4, 0, true);
    }

    static void run(String name, String gateway, String token, List<String> mix, int requests, int concurrency,
                    int ratePerSecond, boolean print) throws Exception {
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
                    if (ratePerSecond > 0) {
                        long due = start + (long) (i * 1e9 / ratePerSecond);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    long t = System.nanoTime();
                    try {
                        if (get(gateway + mix.get(i % mix.size()), token).statusCode() != 200) {
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
            System.out.printf("%-40s %8d %9.0f %9.2f %9.2f%s%n", name, requests, requests / seconds,
                    latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6,
                    failures.get() > 0 ? "  (" + failures.get() + " failed)" : "");
        }
    }

    static String summary(String report) {
        Matcher m = Pattern.compile("\"created\":(\\d+),\"updated\":(\\d+),\"unchanged\":(\\d+)").matcher(report);
        return m.find() ? "(created " + m.group(1) + ", updated " + m.group(2) + ", unchanged " + m.group(3) + ")" : report;
    }

    static String firstId(HttpResponse<String> response) {
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no id in " + response.body());
        }
        return m.group(1);
    }

    static HttpResponse<String> get(String url, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String token, String csv) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("import failed: " + response.statusCode() + " " + response.body());
        }
        return response;
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

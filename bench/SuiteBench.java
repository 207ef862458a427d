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
 * Measures the running suite from a second process over loopback, with fixed request counts:
 * the registry (import of every state and county into an empty registry, the same import again,
 * a search mix paced at a fixed rate and flat out), then the gateway (a read through it and
 * straight at the service, /api/me, sign-in), then each app's resident memory.
 * Usage: java bench/SuiteBench.java GATEWAY_URL JURISDICTION_URL PASSWORD CSV DATA_DIR
 */
public class SuiteBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String[] STATES = {"CA", "TX", "MD", "NY", "IL", "FL", "GA", "VA", "KY", "MO", "OH", "PA"};
    static final String[] NAMES = {"wash", "lincoln", "jackson", "san", "lake", "city", "mont", "clay"};

    interface Call {
        int call(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String service = args[1];
        String password = args[2];
        String csv = Files.readString(Path.of(args[3]));
        Path data = Path.of(args[4]);
        String token = token(gateway, "doj.officer", password);

        System.out.println("== the registry");
        long t = System.nanoTime();
        String first = importCsv(gateway, token, csv);
        double firstSeconds = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        String second = importCsv(gateway, token, csv);
        System.out.printf("import of %d rows into an empty registry: %.2f s %s%n", csv.lines().count() - 1, firstSeconds, summary(first));
        System.out.printf("the same import again:                    %.2f s %s%n", (System.nanoTime() - t) / 1e9, summary(second));
        String maryland = firstId(get(gateway + "/api/jurisdictions?type=STATE&state=MD", token).body());
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
        Call search = i -> get(gateway + mix.get(i % mix.size()), token).statusCode();
        header("search mix through the gateway");
        run("warm-up (discarded)", 1000, 4, 0, search, false);
        run("paced at 200 req/s", 3000, 8, 200, search, true);
        run("flat out, 4 concurrent", 3000, 4, 0, search, true);

        System.out.println();
        System.out.println("== the gateway");
        header("scenario (8 concurrent)");
        run("GET /api/jurisdictions via gateway", 5000, 8, 0, i -> get(gateway + "/api/jurisdictions?size=20", token).statusCode(), true);
        run("GET /api/jurisdictions direct to service", 5000, 8, 0, i -> get(service + "/api/jurisdictions?size=20", token).statusCode(), true);
        run("GET /api/me (gateway only)", 5000, 8, 0, i -> get(gateway + "/api/me", token).statusCode(), true);
        run("POST /login (bcrypt cost 12, 2 concurrent)", 100, 2, 0, i -> login(gateway, "auditor", password).statusCode(), true);

        System.out.println();
        System.out.printf("%-16s %10s%n", "app", "RSS MiB");
        for (String app : List.of("gateway", "jurisdiction", "grants", "documents", "notifications")) {
            String pid = Files.readString(data.resolve("run/" + app + ".pid")).strip();
            Matcher m = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
            System.out.printf("%-16s %10.0f%n", app, m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN);
        }
    }

    static void header(String title) {
        System.out.printf("%-44s %8s %9s %9s %9s%n", title, "requests", "req/s", "p50 ms", "p99 ms");
    }

    /** Runs a scenario; with a rate, request i starts no earlier than i/rate seconds after the first. */
    static void run(String name, int requests, int concurrency, int ratePerSecond, Call call, boolean print) throws Exception {
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
                        long wait = start + (long) (i * 1e9 / ratePerSecond) - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    long t = System.nanoTime();
                    try {
                        if (call.call(i) >= 400) {
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
            System.out.printf("%-44s %8d %9.0f %9.2f %9.2f%s%n", name, requests, requests / seconds,
                    latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6,
                    failures.get() > 0 ? "  (" + failures.get() + " failed)" : "");
        }
    }

    static HttpResponse<String> get(String url, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> login(String gateway, String username, String password) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(gateway + "/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String token(String gateway, String username, String password) throws Exception {
        String body = login(gateway, username, password).body();
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("login failed: " + body);
        }
        return m.group(1);
    }

    static String importCsv(String gateway, String token, String csv) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway + "/api/jurisdictions/import"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("import failed: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String summary(String report) {
        Matcher m = Pattern.compile("\"created\":(\\d+),\"updated\":(\\d+),\"unchanged\":(\\d+)").matcher(report);
        return m.find() ? "(created " + m.group(1) + ", updated " + m.group(2) + ", unchanged " + m.group(3) + ")" : report;
    }

    static String firstId(String body) {
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }
}

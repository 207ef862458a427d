import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compliance map at national scale: every state and county of the registry (the Census CSV),
 * one award to each with three certification requirements (deadlines from 30 days ago to 90 ahead,
 * so some are overdue; court orders covering some), then
 *  - GET /api/awards/compliance-map through the gateway, p50/p99 over 200 calls one at a time;
 *  - the DOJ officer's map page in headless Debian Chromium (driven over the DevTools protocol with
 *    the JDK's own WebSocket client, nothing to install): from the hash change to every state drawn
 *    and the page ready, and from a full reload (navigation start) to the same, 20 times each.
 * Usage: java bench/MapBench.java GATEWAY_URL PASSWORD CSV CHROMIUM DEVTOOLS_PORT
 */
public class MapBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String doj = token(gateway, "doj.officer", args[1]);
        send(gateway, "POST", "/api/jurisdictions/import", doj, "text/csv", Files.readString(Path.of(args[2])), 200);
        List<String> jurisdictions = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<String> ids = ids(send(gateway, "GET", "/api/jurisdictions?size=100&sort=fips&page=" + page,
                    doj, null, null, 200));
            if (ids.isEmpty()) {
                break;
            }
            jurisdictions.addAll(ids);
        }
        String code = "MAP-" + Long.toString(System.nanoTime(), 36).toUpperCase();
        String program = firstId(send(gateway, "POST", "/api/programs", doj, "application/json",
                "{\"code\":\"" + code + "\",\"name\":\"Map bench program\",\"agency\":\"BJA\"}", 201));
        List<String> conditions = new ArrayList<>();
        for (String c : List.of("1373", "ACCESS", "NOTICE")) {
            conditions.add(firstId(send(gateway, "POST", "/api/programs/" + program + "/conditions", doj,
                    "application/json", "{\"fiscalYear\":2027,\"code\":\"" + c + "\",\"title\":\"" + c + "\",\"fullText\":\"Certify " + c
                            + ".\",\"needsCertification\":true,\"signerRole\":\"LEGAL_OFFICER\"}", 201)));
        }
        LocalDate today = LocalDate.now();
        System.out.println("== the compliance map (" + jurisdictions.size() + " jurisdictions: every state and county)");
        long t = System.nanoTime();
        int n = jurisdictions.size();
        int failed = parallel(n, 4, i -> send(gateway, "POST", "/api/awards", doj, "application/json",
                "{\"jurisdictionId\":\"" + jurisdictions.get(i) + "\",\"programId\":\"" + program
                        + "\",\"fiscalYear\":2027,\"awardNumber\":\"2027-MP-" + code.substring(4, 6) + "-" + String.format("%04d", i)
                        + "\",\"amount\":\"" + (10_000 + i) + ".50\",\"awardDate\":\"" + today.minusDays(40)
                        + "\",\"certificationDueDate\":\"" + today.plusDays(-30 + (i * 7L) % 120) + "\"}", 201));
        System.out.printf("created %d awards (%d requirements): %.1f s%s%n", n, n * 3, (System.nanoTime() - t) / 1e9,
                failed > 0 ? " (" + failed + " failed)" : "");
        send(gateway, "POST", "/api/court-orders", doj, "application/json",
                order("NATIONWIDE", null, List.of(), conditions.get(1)), 201);
        send(gateway, "POST", "/api/court-orders", doj, "application/json",
                order("STATE", "CA", List.of(), conditions.get(0)), 201);
        send(gateway, "POST", "/api/court-orders", doj, "application/json",
                order("JURISDICTIONS", null, jurisdictions.subList(0, 200), conditions.get(2)), 201);

        String body = send(gateway, "GET", "/api/awards/compliance-map", doj, null, null, 200);
        System.out.printf("answer: %d states, %d counties, %d bytes%n", count(body, "\"county\":null"),
                count(body, "\"county\":\"") , body.length());
        System.out.printf("%-52s %9s %9s %9s%n", "request (repeated, one at a time)", "calls", "p50 ms", "p99 ms");
        time("compliance map (GET /api/awards/compliance-map)", 200,
                () -> send(gateway, "GET", "/api/awards/compliance-map", doj, null, null, 200));
        // The kept picture is computed again after any change: an award (and its requirements) made
        // before each call, not timed, so every timed call computes the whole picture.
        AtomicInteger extra = new AtomicInteger();
        timeAfter("  ... after a change each time (computed anew)", 50, () -> {
            int i = extra.getAndIncrement();
            return send(gateway, "POST", "/api/awards", doj, "application/json",
                    "{\"jurisdictionId\":\"" + jurisdictions.get(i % n) + "\",\"programId\":\"" + program
                            + "\",\"fiscalYear\":2027,\"awardNumber\":\"2027-MX-" + code.substring(4, 6) + "-" + String.format("%04d", i)
                            + "\",\"amount\":\"1000.00\",\"awardDate\":\"" + today.minusDays(40)
                            + "\",\"certificationDueDate\":\"" + today.plusDays(10) + "\"}", 201);
        }, () -> send(gateway, "GET", "/api/awards/compliance-map", doj, null, null, 200));

        browser(gateway, args[1], args[3], Integer.parseInt(args[4]));
    }

    /** The DOJ map page in headless Chromium, over the DevTools protocol. */
    static void browser(String gateway, String password, String chromium, int port) throws Exception {
        Path profile = Files.createTempDirectory("map-bench-chromium");
        Process chrome = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=" + port,
                "--remote-allow-origins=*", "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            String ws = null;
            for (int i = 0; i < 100 && ws == null; i++) {
                try {
                    String list = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    Matcher m = Pattern.compile("\"type\": \"page\",[^}]*?\"webSocketDebuggerUrl\": \"([^\"]+)\"").matcher(list);
                    if (m.find()) {
                        ws = m.group(1);
                    }
                } catch (Exception notYet) {
                    // still starting
                }
                if (ws == null) {
                    Thread.sleep(100);
                }
            }
            if (ws == null) {
                throw new IllegalStateException("Chromium's DevTools did not answer on port " + port);
            }
            DevTools tab = new DevTools(ws);
            tab.call("Page.enable", "{}");
            tab.call("Page.navigate", "{\"url\":\"" + gateway + "/\"}");
            tab.eval(WAIT + "await waitFor(() => document.getElementById('sign-in'));"
                    + "document.getElementById('username').value = 'doj.officer';"
                    + "document.getElementById('password').value = " + json(password) + ";"
                    + "document.getElementById('sign-in').click();"
                    + "await waitFor(() => document.getElementById('sign-out') && document.getElementById('main').dataset.ready === 'true');"
                    + "return 0;");
            String drawn = "await waitFor(() => document.querySelectorAll('#states path').length >= 50"
                    + " && document.getElementById('main').dataset.ready === 'true' && document.getElementById('map-table'));";
            long[] hash = new long[20];
            long[] reload = new long[20];
            int coloured = 0;
            for (int i = 0; i < 20; i++) {
                tab.eval(WAIT + "location.hash = '#/'; await waitFor(() => document.getElementById('main').dataset.ready === 'true'"
                        + " && !document.getElementById('map')); return 0;");
                hash[i] = Math.round(Double.parseDouble(tab.eval(WAIT + "const t = performance.now(); location.hash = '#/map';"
                        + "await new Promise(r => setTimeout(r, 0));" + drawn + "return performance.now() - t;")));
                tab.call("Page.reload", "{\"ignoreCache\":false}");
                Thread.sleep(50);
                reload[i] = Math.round(Double.parseDouble(tab.eval(WAIT + drawn + "return performance.now();")));
                coloured = Integer.parseInt(tab.eval(WAIT + "return document.querySelectorAll(\"#states path:not([data-status='none'])\").length;"));
            }
            Arrays.sort(hash);
            Arrays.sort(reload);
            System.out.printf("DOJ map page in headless Chromium (%d states coloured), 20 times:%n", coloured);
            System.out.printf("  from the hash change to drawn and ready:    p50 %d ms, max %d ms%n", hash[10], hash[19]);
            System.out.printf("  from a full reload (navigation start):      p50 %d ms, max %d ms%n", reload[10], reload[19]);
            tab.close();
        } finally {
            chrome.destroy();
            chrome.waitFor(10, TimeUnit.SECONDS);
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // The same helpers as GrantsBench (one source file each: Java 17 runs single files).
    interface Call {
        String call() throws Exception;
    }

    interface Indexed {
        String call(int i) throws Exception;
    }

    /** Like {@link #time}, with {@code change} run (untimed) before each timed call. */
    static void timeAfter(String name, int calls, Call change, Call call) throws Exception {
        long[] ms = new long[calls];
        for (int i = 0; i < calls; i++) {
            change.call();
            long t = System.nanoTime();
            call.call();
            ms[i] = System.nanoTime() - t;
        }
        Arrays.sort(ms);
        System.out.printf("%-52s %9d %9.1f %9.1f%n", name, calls, ms[calls / 2] / 1e6, ms[(int) Math.min(calls - 1, calls * 0.99)] / 1e6);
    }

    static void time(String name, int calls, Call call) throws Exception {
        for (int i = 0; i < 5; i++) {
            call.call();
        }
        long[] ms = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            call.call();
            ms[i] = System.nanoTime() - t;
        }
        Arrays.sort(ms);
        System.out.printf("%-52s %9d %9.1f %9.1f%n", name, calls, ms[calls / 2] / 1e6, ms[(int) Math.min(calls - 1, calls * 0.99)] / 1e6);
    }

    static int parallel(int n, int concurrency, Indexed call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    try {
                        call.call(i);
                    } catch (Exception e) {
                        if (failed.incrementAndGet() == 1) {
                            System.out.println("first failure: " + e.getMessage());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        return failed.get();
    }

    static String order(String scope, String state, List<String> jurisdictions, String condition) {
        return "{\"caseName\":\"Bench v. DOJ\",\"caseNumber\":\"1:26-cv-" + scope.length() + "\",\"court\":\"N.D. Ill.\","
                + "\"orderDate\":\"2026-01-01\",\"scope\":\"" + scope + "\"" + (state == null ? "" : ",\"scopeState\":\"" + state + "\"")
                + ",\"jurisdictionIds\":[" + String.join(",", jurisdictions.stream().map(j -> "\"" + j + "\"").toList()) + "]"
                + ",\"conditionIds\":[\"" + condition + "\"],\"inForceFrom\":\"2026-01-01\"}";
    }

    static String send(String gateway, String method, String path, String token, String type, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token);
        if (type != null) {
            request.header("Content-Type", type);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String token(String gateway, String username, String password) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("login failed: " + response.body());
        }
        return m.group(1);
    }

    static List<String> ids(String body) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"").matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    static String firstId(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }

    static int count(String body, String needle) {
        int n = 0;
        for (int i = body.indexOf(needle); i >= 0; i = body.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static final String WAIT = "const waitFor = async (ok, ms = 60000) => { const end = Date.now() + ms;"
            + " while (!ok()) { if (Date.now() > end) throw new Error('timed out'); await new Promise(r => setTimeout(r, 5)); } };";

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A minimal DevTools protocol client: numbered calls, answers matched by id. */
    static final class DevTools implements WebSocket.Listener {
        final AtomicInteger ids = new AtomicInteger();
        final Map<Integer, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
        final StringBuilder partial = new StringBuilder();
        final WebSocket socket;

        DevTools(String url) throws Exception {
            socket = CLIENT.newWebSocketBuilder().buildAsync(URI.create(url), this).get(10, TimeUnit.SECONDS);
        }

        String call(String method, String params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<String> answer = new CompletableFuture<>();
            pending.put(id, answer);
            socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).get();
            String result = answer.get(120, TimeUnit.SECONDS);
            if (result.contains("\"exceptionDetails\"") || result.startsWith("{\"id\":" + id + ",\"error\"")) {
                throw new IllegalStateException(method + ": " + result);
            }
            return result;
        }

        /** Runs an async function body in the page and returns its value as text. */
        String eval(String body) throws Exception {
            String result = call("Runtime.evaluate", "{\"expression\":" + json("(async () => { " + body + " })()")
                    + ",\"awaitPromise\":true,\"returnByValue\":true}");
            Matcher m = Pattern.compile("\"value\":([-0-9.eE]+)").matcher(result);
            if (!m.find()) {
                throw new IllegalStateException("no value in " + result);
            }
            return m.group(1);
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                Matcher m = Pattern.compile("^\\{\"id\":(\\d+),").matcher(message);
                if (m.find()) {
                    CompletableFuture<String> answer = pending.remove(Integer.parseInt(m.group(1)));
                    if (answer != null) {
                        answer.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}

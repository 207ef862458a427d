import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/run chaos: a steady mixed load through the two gateways of ./suite up --replicas 2 while
 * the harness (this program, through ./suite and kill -9) kills service instances, scales grants and
 * restarts each gateway; then checks the data.
 *
 * The load is a client that keeps the README's client contract: a keyed write (a disbursement of
 * $1.00 with an Idempotency-Key, the key also in its reason) is sent again with the same key on 502,
 * 503, 504 or a broken connection until it gets an answer; a read likewise; a document upload (not
 * keyed) is sent again only when nothing reached a service (503, or no connection to the gateway).
 * A gateway that refuses connections is left for the other one, as a load balancer would.
 * Afterwards: every acknowledged disbursement is in the award exactly once (none lost, none
 * doubled), every uploaded document's bytes download and match its SHA-256, and the demo reminder
 * that is due at once reached its recipients exactly once.
 *
 * Usage: java bench/ChaosBench.java SUITE GATEWAY1 GATEWAY2 PASSWORD MAIL_API DATA_DIR PHASE_SECONDS
 * Exit status 1 when a target is missed (a failed read, a keyed write still unanswered when asked again at the end, a lost or doubled write, a document
 * without bytes, a reminder not sent or sent twice).
 */
public class ChaosBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int WORKERS = 6;

    static String suite, password, mailApi;
    static Path data;
    static List<String> gateways;
    static final AtomicInteger preferred = new AtomicInteger();
    static final Map<String, Token> tokens = new ConcurrentHashMap<>();
    static volatile String phase = "setup";
    static volatile boolean running = true;
    static final Map<String, Phase> phases = Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    static final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> documents = new ConcurrentLinkedQueue<>();
    static String awardId, jurisdictionId;
    static final AtomicInteger notificationKills = new AtomicInteger();

    record Token(String value, long at) {
    }

    /** What one phase saw: logical requests (retries inside), final failures by kind and status, latencies. */
    static final class Phase {
        final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> retried = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        /** The first answer of each failing status: which gateway, the request id, the problem (to tell causes apart). */
        final Map<Integer, String> samples = new ConcurrentHashMap<>();
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime(), ended;
    }

    static Phase current() {
        return phases.computeIfAbsent(phase, p -> new Phase());
    }

    public static void main(String[] args) throws Exception {
        suite = args[0];
        gateways = List.of(args[1], args[2]);
        password = args[3];
        mailApi = args[4];
        data = Path.of(args[5]);
        int seconds = Integer.parseInt(args[6]);
        setup();
        List<Thread> workers = new ArrayList<>();
        phase = "1 steady";
        current();
        for (int w = 0; w < WORKERS; w++) {
            int n = w;
            workers.add(thread(() -> work(n)));
        }
        sleep(seconds);
        next("2 kill -9 a random service instance every 10 s, restart it");
        long until = System.nanoTime() + Math.max(seconds, 30) * 1_000_000_000L;
        List<Thread> restarts = new ArrayList<>();
        Random random = new Random();
        Set<String> restarting = ConcurrentHashMap.newKeySet();
        while (System.nanoTime() < until) {
            String app = List.of("jurisdiction", "grants", "documents", "notifications").get(random.nextInt(4));
            String instance = app + "-" + (1 + random.nextInt(2));
            String pid = read(data.resolve("run/" + instance + ".pid"));
            // Only an instance that is up: one still starting after its restart is left alone.
            if (pid != null && alive(pid) && !restarting.contains(app)) {
                new ProcessBuilder("kill", "-9", pid).start().waitFor();
                event("kill -9 " + instance + " (pid " + pid + ")");
                restarting.add(app);
                if (app.equals("notifications")) {
                    notificationKills.incrementAndGet();
                }
                restarts.add(thread(() -> {
                    sleep(1);
                    suite("scale", app + "=2");
                    restarting.remove(app);
                    event(instance + " restarted and healthy");
                }));
            }
            sleep(10);
        }
        for (Thread t : restarts) {
            t.join();
        }
        next("3 scale grants 2 -> 1 -> 3 -> 1");
        suite("scale", "grants=1");
        event("grants=1");
        sleep(Math.max(seconds / 2, 5));
        suite("scale", "grants=3");
        event("grants=3 (healthy)");
        sleep(Math.max(seconds / 2, 5));
        suite("scale", "grants=1");
        event("grants=1");
        sleep(Math.max(seconds / 2, 5));
        next("4 restart each gateway in turn");
        for (String gw : List.of("gateway-2", "gateway-1")) {
            String pid = read(data.resolve("run/" + gw + ".pid"));
            new ProcessBuilder("kill", pid).start().waitFor();     // SIGTERM, as an orchestrator stops a pod
            event("stopped " + gw);
            while (alive(pid)) {
                sleep(0.2);
            }
            suite("scale", "gateway=2");
            event(gw + " started again and healthy");
            sleep(Math.max(seconds / 2, 5));
        }
        next("5 steady again");
        suite("scale", "grants=2");
        sleep(seconds);
        running = false;
        for (Thread t : workers) {
            t.join(60_000);
        }
        current().ended = System.nanoTime();
        phase = "check";
        System.exit(report() ? 0 : 1);
    }

    static void next(String name) {
        current().ended = System.nanoTime();
        phase = name;
        current();
        System.out.println("-- phase " + name);
    }

    static void event(String what) {
        System.out.println("   " + what);
        current().events.add(what);
    }

    // ---------------------------------------------------------------- setup and load

    static void setup() throws Exception {
        String doj = token("doj.officer");
        String official = token("baltimore.official");
        Matcher me = Pattern.compile("\"jurisdictionId\":\"([0-9a-f-]{36})\"").matcher(get("/api/me", official).body());
        if (!me.find()) {
            throw new IllegalStateException("the Baltimore official has no jurisdiction");
        }
        jurisdictionId = me.group(1);
        String program = firstId(get("/api/programs", doj).body());
        String number = LocalDate.now().getYear() + "-DJ-BX-" + String.format("%04d", 1000 + new Random().nextInt(9000));
        HttpResponse<String> award = send("POST", "/api/awards", doj, "application/json", ("{\"jurisdictionId\":\"" + jurisdictionId
                + "\",\"programId\":\"" + program + "\",\"fiscalYear\":" + LocalDate.now().getYear() + ",\"awardNumber\":\"" + number
                + "\",\"amount\":\"10000000.00\",\"awardDate\":\"" + LocalDate.now() + "\",\"conditionIds\":[]}").getBytes(),
                Map.of("Idempotency-Key", "chaos-award-" + number));
        if (award.statusCode() != 201) {
            throw new IllegalStateException("creating the award: " + award.statusCode() + " " + award.body());
        }
        awardId = firstId(award.body());
        for (String status : List.of("ACCEPTED", "ACTIVE")) {
            HttpResponse<String> moved = send("POST", "/api/awards/" + awardId + "/transitions", doj, "application/json",
                    ("{\"status\":\"" + status + "\",\"reason\":\"chaos bench\"}").getBytes(), Map.of());
            if (moved.statusCode() != 200) {
                throw new IllegalStateException("moving the award to " + status + ": " + moved.statusCode() + " " + moved.body());
            }
        }
        // Healthy is not yet ready for people: an instance just started may not have read the
        // revocation list yet (it refuses person tokens until it has, 401). Wait until every read
        // path answers 200 through both gateways (at most 3 minutes) before the load starts.
        long ready = System.nanoTime() + 180_000_000_000L;
        for (String path : List.of("/api/jurisdictions?state=MD&size=20", "/api/awards/" + awardId,
                "/api/documents?jurisdictionId=" + jurisdictionId + "&size=5", "/api/notifications")) {
            for (int g = 0; g < gateways.size(); g++) {
                int ok = 0;
                while (ok < 4 && System.nanoTime() < ready) {   // a few in a row: each replica answered
                    preferred.set(g);
                    try {
                        ok = send("GET", path, doj, null, null, Map.of()).statusCode() == 200 ? ok + 1 : 0;
                    } catch (IOException e) {
                        ok = 0;
                    }
                    if (ok == 0) {
                        sleep(1);
                    }
                }
            }
        }
        preferred.set(0);
        System.out.println("award " + number + " (" + awardId + ") active; " + WORKERS + " clients through " + gateways);
    }

    static void work(int worker) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            int dice = random.nextInt(100);
            try {
                if (dice < 60) {
                    read(random);
                } else if (dice < 90) {
                    disburse(worker);
                } else {
                    upload();
                }
            } catch (Exception e) {
                current().failures.computeIfAbsent("client " + e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    static void read(ThreadLocalRandom random) throws Exception {
        String path = switch (random.nextInt(4)) {
            case 0 -> "/api/jurisdictions?state=MD&size=20";
            case 1 -> "/api/awards/" + awardId;
            case 2 -> "/api/documents?jurisdictionId=" + jurisdictionId + "&size=5";
            default -> "/api/notifications";
        };
        String user = random.nextBoolean() ? "doj.officer" : "baltimore.official";
        timed("read", () -> contract(() -> send("GET", path, token(user), null, null, Map.of()), true));
    }

    static void disburse(int worker) throws Exception {
        String key = "chaos-" + worker + "-" + UUID.randomUUID();
        byte[] body = ("{\"kind\":\"DISBURSEMENT\",\"amount\":\"1.00\",\"date\":\"" + LocalDate.now() + "\",\"reason\":\"" + key + "\"}").getBytes();
        int status = timed("keyed write", () -> contract(() -> send("POST", "/api/awards/" + awardId + "/money", token("doj.officer"),
                "application/json", body, Map.of("Idempotency-Key", key)), true));
        (status == 201 || status == 200 ? acknowledged : unanswered).add(key);
    }

    static void upload() throws Exception {
        byte[] content = ("GrantLine chaos bench document " + UUID.randomUUID() + "\n").repeat(200).getBytes(StandardCharsets.UTF_8);
        String boundary = "chaos" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nOTHER\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nchaos upload\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"jurisdictionId\"\r\n\r\n" + jurisdictionId + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"chaos.txt\"\r\nContent-Type: text/plain\r\n\r\n";
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] body = new byte[head.length() + content.length + tail.length];
        System.arraycopy(head.getBytes(), 0, body, 0, head.length());
        System.arraycopy(content, 0, body, head.length(), content.length);
        System.arraycopy(tail, 0, body, head.length() + content.length, tail.length);
        AtomicReference<String> created = new AtomicReference<>();
        int status = timed("upload", () -> contract(() -> {
            HttpResponse<String> r = send("POST", "/api/documents", token("baltimore.official"),
                    "multipart/form-data; boundary=" + boundary, body, Map.of());
            if (r.statusCode() == 201) {
                created.set(firstId(r.body()));
            }
            return r;
        }, false));
        if (status == 201) {
            documents.add(created.get());
        }
    }

    interface Call {
        HttpResponse<String> call() throws Exception;
    }

    interface Timed {
        int run() throws Exception;
    }

    static int timed(String kind, Timed call) throws Exception {
        Phase p = current();
        long start = System.nanoTime();
        int status = call.run();
        p.micros.add((System.nanoTime() - start) / 1000);
        p.requests.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        if (status < 200 || status >= 300) {
            p.failures.computeIfAbsent(kind + " " + status, k -> new AtomicInteger()).incrementAndGet();
        }
        return status;
    }

    /**
     * The README's client contract: 502/503/504 or no connection is tried again (on the other
     * gateway when this one refuses connections), after a short pause, for up to 60 s. A request
     * that may not be repeated ({@code repeatable} false: an upload without a key) is tried again
     * only when nothing reached a service (503, or no connection to the gateway).
     */
    static int contract(Call call, boolean repeatable) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int attempt = 0;
        while (true) {
            int status;
            try {
                HttpResponse<String> r = call.call();
                status = r.statusCode();
                if (status >= 400) {
                    String body = r.body() == null ? "" : r.body().replaceAll("\\s+", " ");
                    current().samples.putIfAbsent(status, r.request().method() + " " + r.request().uri() + " request="
                            + r.headers().firstValue("X-Request-Id").orElse("-") + " answered "
                            + body.substring(0, Math.min(body.length(), 300)));
                }
                if (status == 409 && r.body().contains("idempotency-key-in-flight")) {
                    status = 503;   // the same key is still running elsewhere: wait for its answer
                }
            } catch (IOException e) {
                status = -1;
                if (e instanceof java.net.ConnectException || hasCause(e, java.net.ConnectException.class)) {
                    preferred.incrementAndGet();    // that gateway is down: the other one
                    status = -2;
                }
            }
            boolean again = status == 503 || status == -2 || (repeatable && (status == 502 || status == 504 || status == -1));
            if (!again || System.nanoTime() > deadline) {
                return status;
            }
            current().retried.computeIfAbsent(String.valueOf(status), k -> new AtomicInteger()).incrementAndGet();
            attempt++;
            sleep(Math.min(0.05 * attempt, 1.0));
        }
    }

    static boolean hasCause(Throwable e, Class<?> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- checks

    static boolean report() throws Exception {
        boolean ok = true;
        System.out.println();
        System.out.printf("%-58s %9s %8s %8s  %s%n", "phase", "requests", "p50 ms", "p99 ms", "failures by kind and status (retries inside a request)");
        for (Map.Entry<String, Phase> e : phases.entrySet()) {
            if (e.getKey().equals("setup") || e.getKey().equals("check")) {
                continue;
            }
            Phase p = e.getValue();
            List<Long> sorted = new ArrayList<>(p.micros);
            Collections.sort(sorted);
            int total = p.requests.values().stream().mapToInt(AtomicInteger::get).sum();
            System.out.printf("%-58s %9d %8.1f %8.1f  %s  (%s; retried: %s)%n", e.getKey(), total, pct(sorted, 50), pct(sorted, 99),
                    p.failures.isEmpty() ? "none" : new TreeMap<>(p.failures), new TreeMap<>(p.requests),
                    p.retried.isEmpty() ? "none" : new TreeMap<>(p.retried));
            if (!p.failures.isEmpty()) {
                new TreeMap<>(p.samples).forEach((status, sample) -> System.out.println("     first " + status + ": " + sample));
            }
            for (String f : p.failures.keySet()) {
                // A keyed write that failed here is asked again at the end, as the client contract says
                // (retry with the same key until answered): it counts against the target only if it is
                // still unanswered then, or lost or doubled (below). A failed read counts at once.
                if (f.startsWith("read") || f.startsWith("client")) {
                    ok = false;
                }
            }
        }
        // Keys without an answer are asked once more (the contract: retry until answered).
        int late = 0;
        for (String key : unanswered) {
            byte[] body = ("{\"kind\":\"DISBURSEMENT\",\"amount\":\"1.00\",\"date\":\"" + LocalDate.now() + "\",\"reason\":\"" + key + "\"}").getBytes();
            int status = contract(() -> send("POST", "/api/awards/" + awardId + "/money", token("doj.officer"), "application/json", body,
                    Map.of("Idempotency-Key", key)), true);
            if (status == 201 || status == 200) {
                acknowledged.add(key);
                late++;
            } else {
                System.out.println("keyed write " + key + ": still " + status + " when asked again at the end");
                ok = false;
            }
        }
        String money = get("/api/awards/" + awardId + "/money?size=100000", token("doj.officer")).body();
        Map<String, Integer> applied = new TreeMap<>();
        Matcher m = Pattern.compile("\"reason\":\"(chaos-[^\"]+)\"").matcher(money);
        while (m.find()) {
            applied.merge(m.group(1), 1, Integer::sum);
        }
        Set<String> acked = Set.copyOf(acknowledged);
        long lost = acked.stream().filter(k -> !applied.containsKey(k)).count();
        long doubled = applied.values().stream().filter(n -> n > 1).count();
        long unacked = applied.keySet().stream().filter(k -> !acked.contains(k)).count();
        String award = get("/api/awards/" + awardId, token("doj.officer")).body();
        Matcher disbursed = Pattern.compile("\"disbursed\":\"?([0-9.]+)").matcher(award);
        BigDecimal total = disbursed.find() ? new BigDecimal(disbursed.group(1)) : BigDecimal.ZERO;
        System.out.printf("%nkeyed writes: %d acknowledged (%d of them on the final retry), %d applied, lost %d, doubled %d, applied without an answer %d; the award's disbursed total %s%n",
                acked.size(), late, applied.size(), lost, doubled, unacked, total);
        if (lost > 0 || doubled > 0 || unacked > 0 || total.compareTo(BigDecimal.valueOf(applied.size())) != 0) {
            ok = false;
        }
        int withBytes = 0, without = 0;
        for (String id : documents) {
            String record = get("/api/documents/" + id, token("baltimore.official")).body();
            Matcher sha = Pattern.compile("\"sha256\":\"([0-9a-f]{64})\"").matcher(record);
            HttpResponse<byte[]> content = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway() + "/api/documents/" + id + "/content"))
                    .timeout(TIMEOUT).header("Authorization", "Bearer " + token("baltimore.official")).build(), HttpResponse.BodyHandlers.ofByteArray());
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.body()));
            if (content.statusCode() == 200 && sha.find() && sha.group(1).equals(hash)) {
                withBytes++;
            } else {
                without++;
                System.out.println("document " + id + ": " + content.statusCode() + " " + record);
            }
        }
        System.out.printf("documents: %d uploaded, %d download with bytes matching their SHA-256, %d without%n", documents.size(), withBytes, without);
        if (without > 0) {
            ok = false;
        }
        // The demo reminder due at once (Baltimore's certification due today): to each recipient exactly once.
        for (String to : List.of("grants@baltimore.example", "solicitor@baltimore.example")) {
            int count = 0;
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (System.nanoTime() < deadline) {
                HttpResponse<String> inbox = CLIENT.send(HttpRequest.newBuilder(URI.create(mailApi + "/api/user/" + to + "/messages/INBOX/"))
                        .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
                count = inbox.statusCode() == 200 ? countOf(inbox.body(), "\"subject\"") : 0;
                if (count > 0) {
                    break;
                }
                sleep(5);
            }
            // The notifications bound: exactly once, except that a replica killed between sending a
            // digest and marking it sent leaves a lease that runs out, and another replica sends it again.
            int bound = 1 + notificationKills.get();
            System.out.printf("reminder emails to %s: %d (due: 1; at most %d with %d notifications instances killed)%n",
                    to, count, bound, notificationKills.get());
            if (count < 1 || count > bound) {
                ok = false;
            }
        }
        System.out.println(ok ? "chaos: every target met" : "chaos: TARGET MISSED");
        return ok;
    }

    static int countOf(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    static double pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }

    // ---------------------------------------------------------------- HTTP and processes

    static String gateway() {
        return gateways.get(Math.floorMod(preferred.get(), gateways.size()));
    }

    static String token(String user) throws Exception {
        Token t = tokens.get(user);
        if (t != null && System.nanoTime() - t.at() < 300_000_000_000L) {
            return t.value();
        }
        synchronized (ChaosBench.class) {
            t = tokens.get(user);
            if (t != null && System.nanoTime() - t.at() < 300_000_000_000L) {
                return t.value();
            }
            byte[] body = ("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}").getBytes();
            for (int attempt = 0; attempt < 120; attempt++) {
                try {
                    HttpResponse<String> r = send("POST", "/login", null, "application/json", body, Map.of());
                    Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(r.body());
                    if (r.statusCode() == 200 && m.find()) {
                        tokens.put(user, new Token(m.group(1), System.nanoTime()));
                        return m.group(1);
                    }
                } catch (IOException e) {
                    preferred.incrementAndGet();
                }
                sleep(0.5);
            }
            throw new IllegalStateException("cannot sign in as " + user);
        }
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpResponse<String> r = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                r = send("GET", path, token, null, null, Map.of());
                if (r.statusCode() != 502 && r.statusCode() != 503) {
                    return r;
                }
            } catch (IOException e) {
                preferred.incrementAndGet();
            }
            sleep(0.5);
        }
        if (r == null) {
            throw new IOException("no gateway answered GET " + path);
        }
        return r;
    }

    static HttpResponse<String> send(String method, String path, String token, String type, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway() + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String firstId(String json) {
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }

    static synchronized void suite(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of(suite));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                event("./suite " + String.join(" ", args) + " failed (exit " + p.exitValue() + ")");
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static Thread thread(Runnable body) {
        Thread t = new Thread(body);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static boolean alive(String pid) {
        return pid != null && java.nio.file.Files.exists(Path.of("/proc/" + pid.trim()));
    }

    static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file).trim();
        } catch (IOException e) {
            return null;
        }
    }

    static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

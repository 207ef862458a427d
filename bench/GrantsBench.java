import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * The grants service at scale, through the gateway: 3,200 awards with three certification
 * requirements each (deadlines spread from 30 days ago to 90 days ahead, court orders covering some),
 * then the deadline feed for a 60-day window and the funds-at-risk report, each timed over repeated calls.
 * Usage: java bench/GrantsBench.java GATEWAY_URL PASSWORD CSV
 */
public class GrantsBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final int AWARDS = 3200;
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String doj = token(gateway, "doj.officer", args[1]);
        String admin = token(gateway, "admin", args[1]);
        send(gateway, "POST", "/api/jurisdictions/import", doj, "text/csv", Files.readString(Path.of(args[2])), 200);
        List<String> jurisdictions = new ArrayList<>();
        for (int page = 0; jurisdictions.size() < AWARDS; page++) {
            List<String> ids = ids(send(gateway, "GET", "/api/jurisdictions?size=100&sort=fips&page=" + page, doj, null, null, 200));
            if (ids.isEmpty()) {
                break;
            }
            jurisdictions.addAll(ids);
        }
        String code = "BENCH-" + Long.toString(System.nanoTime(), 36).toUpperCase();
        String program = firstId(send(gateway, "POST", "/api/programs", doj, "application/json",
                "{\"code\":\"" + code + "\",\"name\":\"Bench program\",\"agency\":\"BJA\"}", 201));
        List<String> conditions = new ArrayList<>();
        for (String c : List.of("1373", "ACCESS", "NOTICE")) {
            conditions.add(firstId(send(gateway, "POST", "/api/programs/" + program + "/conditions", doj, "application/json",
                    "{\"fiscalYear\":2027,\"code\":\"" + c + "\",\"title\":\"" + c + "\",\"fullText\":\"Certify " + c
                            + ".\",\"needsCertification\":true,\"signerRole\":\"LEGAL_OFFICER\"}", 201)));
        }
        LocalDate today = LocalDate.now();
        System.out.println("== the grants service (" + jurisdictions.size() + " jurisdictions)");
        long t = System.nanoTime();
        int failed = parallel(AWARDS, 4, i -> send(gateway, "POST", "/api/awards", doj, "application/json",
                "{\"jurisdictionId\":\"" + jurisdictions.get(i % jurisdictions.size()) + "\",\"programId\":\"" + program
                        + "\",\"fiscalYear\":2027,\"awardNumber\":\"2027-BX-" + code.substring(6, 8) + "-" + String.format("%04d", i)
                        + "\",\"amount\":\"" + (10_000 + i) + ".50\",\"awardDate\":\"" + today.minusDays(40)
                        + "\",\"certificationDueDate\":\"" + today.plusDays(-30 + (i * 7L) % 120) + "\"}", 201));
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("created %d awards (%d requirements) through the gateway: %.1f s, %.0f awards/s%s%n", AWARDS,
                AWARDS * 3, seconds, AWARDS / seconds, failed > 0 ? " (" + failed + " failed)" : "");
        // Orders that make enjoinment real work: nationwide on one condition, one state, 200 named jurisdictions.
        send(gateway, "POST", "/api/court-orders", doj, "application/json", order("NATIONWIDE", null, List.of(), conditions.get(1)), 201);
        send(gateway, "POST", "/api/court-orders", doj, "application/json", order("STATE", "CA", List.of(), conditions.get(0)), 201);
        send(gateway, "POST", "/api/court-orders", doj, "application/json",
                order("JURISDICTIONS", null, jurisdictions.subList(0, 200), conditions.get(2)), 201);

        Instant now = Instant.now();
        String window = "/api/certifications/feed?from=" + now + "&to=" + now.plus(Duration.ofDays(60));
        String firstPage = send(gateway, "GET", window, admin, null, null, 200);
        int pages = 0;
        int items = 0;
        long all = System.nanoTime();
        String cursor = null;
        boolean more = true;
        while (more) {
            String body = send(gateway, "GET", window + "&limit=500" + (cursor == null ? "" : "&cursor=" + cursor), admin, null, null, 200);
            pages++;
            items += count(body, "\"deadlineLocalDate\"");
            Matcher c = Pattern.compile("\"cursor\":\"([^\"]+)\"").matcher(body);
            cursor = c.find() ? c.group(1) : null;
            more = body.contains("\"more\":true");
        }
        double allMs = (System.nanoTime() - all) / 1e6;
        System.out.printf("%-52s %9s %9s %9s%n", "request (repeated, one at a time)", "calls", "p50 ms", "p99 ms");
        time("deadline feed, 60-day window, first page of 500", 50, () -> send(gateway, "GET", window, admin, null, null, 200));
        time("funds-at-risk report (JSON)", 50, () -> send(gateway, "GET", "/api/awards/at-risk", doj, null, null, 200));
        time("funds-at-risk report (CSV)", 20, () -> send(gateway, "GET", "/api/awards/at-risk/csv", doj, null, null, 200));
        System.out.printf("whole 60-day window: %d requirements in %d pages of 500, %.0f ms (first page: %d items)%n", items, pages,
                allMs, count(firstPage, "\"deadlineLocalDate\""));
        String report = send(gateway, "GET", "/api/awards/at-risk", doj, null, null, 200);
        Matcher total = Pattern.compile("\"awards\":(\\d+),\"amountAtRisk\":([0-9.]+),\"asOf\"").matcher(report);
        if (total.find()) {
            System.out.printf("at risk: %s awards, $%s%n", total.group(1), total.group(2));
        }
    }

    interface Call {
        String call() throws Exception;
    }

    interface Indexed {
        String call(int i) throws Exception;
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
}

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reminders at scale, through the gateway: every state and county (3,193 jurisdictions) with three
 * or four reminder contacts (10,000 recipients in all), an award with three certification
 * requirements each whose reminder falls due today, then one run of the notifications service:
 * how long planning takes (the deadline feed to planned reminders) and how fast the due batch
 * of 10,000 digest emails goes out to the local SMTP server (GreenMail), and whether anyone got two.
 * The run is asked for through the gateway (POST /api/reminders/run answers 202 at once and the
 * run goes on in the background); the benchmark follows it at its Location until it has finished.
 * Usage: java bench/NotificationsBench.java GATEWAY_URL PASSWORD CSV MAIL_API_URL
 */
public class NotificationsBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final int RECIPIENTS = 10_000;
    static String PASSWORD;

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        PASSWORD = args[1];
        String doj = token(gateway, "doj.officer", args[1]);
        String admin = token(gateway, "admin", args[1]);
        String mail = args[3];
        send(gateway, "POST", "/api/jurisdictions/import", doj, "text/csv", Files.readString(Path.of(args[2])), 200);
        List<String> jurisdictions = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<String> ids = all("\\{\"id\":\"([0-9a-f-]{36})\"",
                    send(gateway, "GET", "/api/jurisdictions?size=100&sort=fips&page=" + page, doj, null, null, 200));
            if (ids.isEmpty()) {
                break;
            }
            jurisdictions.addAll(ids);
        }
        int n = jurisdictions.size();
        int fourth = RECIPIENTS - 3 * n;
        long t = System.nanoTime();
        int failed = parallel(RECIPIENTS, 8, i -> {
            int j = i % n;
            int k = i / n;
            String role = k == 2 ? "CHIEF_LEGAL_OFFICER" : "GRANT_MANAGER";
            send(gateway, "POST", "/api/jurisdictions/" + jurisdictions.get(j) + "/contacts", doj, "application/json",
                    "{\"name\":\"Contact " + k + "\",\"role\":\"" + role + "\",\"email\":\"c" + k + "-" + j + "@bench.example\"}", 201);
        });
        System.out.printf("set up: %d jurisdictions, %d recipients (%d with a fourth contact) in %.0f s%s%n", n, RECIPIENTS, fourth,
                (System.nanoTime() - t) / 1e9, failed > 0 ? " (" + failed + " failed)" : "");

        String code = "NB-" + Long.toString(System.nanoTime(), 36).toUpperCase();
        String program = first("\"id\":\"([0-9a-f-]{36})\"", send(gateway, "POST", "/api/programs", doj, "application/json",
                "{\"code\":\"" + code + "\",\"name\":\"Bench reminders\",\"agency\":\"BJA\"}", 201));
        for (String c : List.of("1373", "ACCESS", "NOTICE")) {
            send(gateway, "POST", "/api/programs/" + program + "/conditions", doj, "application/json",
                    "{\"fiscalYear\":2027,\"code\":\"" + c + "\",\"title\":\"" + c + "\",\"fullText\":\"Certify " + c
                            + ".\",\"needsCertification\":true,\"signerRole\":\"LEGAL_OFFICER\"}", 201);
        }
        // Deadline tomorrow (UTC), reminders 1 and 2 days before at 00:00 local: in every US zone one of
        // them is due now, whatever the hour, and all of a recipient's reminders go into one digest.
        send(gateway, "PUT", "/api/reminders/programs/" + program + "/settings", admin, "application/json",
                "{\"offsetsDays\":[1,2],\"overdueDays\":[1],\"sendTime\":\"00:00\"}", 200);
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        t = System.nanoTime();
        failed = parallel(n, 4, i -> send(gateway, "POST", "/api/awards", doj, "application/json",
                "{\"jurisdictionId\":\"" + jurisdictions.get(i) + "\",\"programId\":\"" + program
                        + "\",\"fiscalYear\":2027,\"awardNumber\":\"2027-NB-" + code.substring(3, 5) + "-" + String.format("%04d", i)
                        + "\",\"amount\":\"25000.00\",\"awardDate\":\"" + due.minusDays(40) + "\",\"certificationDueDate\":\"" + due + "\"}", 201));
        System.out.printf("set up: %d awards, %d requirements in %.0f s%s%n", n, 3 * n, (System.nanoTime() - t) / 1e9,
                failed > 0 ? " (" + failed + " failed)" : "");

        t = System.nanoTime();
        String report = run(gateway, admin);
        double runSeconds = (System.nanoTime() - t) / 1e9;
        long planning = Long.parseLong(first("\"planningMillis\":(\\d+)", report));
        long delivery = Long.parseLong(first("\"deliveryMillis\":(\\d+)", report));
        long sending = Long.parseLong(first("\"sendingMillis\":(\\d+)", report));
        int sent = Integer.parseInt(first("\"emailsSent\":(\\d+)", report));
        System.out.println();
        System.out.println("== notifications: one run (POST /api/reminders/run through the gateway, followed to its end), " + String.format("%.1f", runSeconds) + " s in all");
        System.out.printf("planning: %s feed items → %s reminders planned in %.2f s (target ≤ 5 s)%n",
                first("\"feedItems\":(\\d+)", report), first("\"remindersPlanned\":(\\d+)", report), planning / 1000.0);
        System.out.printf("delivery: %s reminders due → fanned out to recipients, digests and inboxes in %.2f s%n",
                first("\"remindersDue\":(\\d+)", report), (delivery - sending) / 1000.0);
        System.out.printf("sending: %d digest emails (%s failed) in %.2f s: %.0f emails/s (target ≥ 200); all of delivery: %.0f emails/s%n",
                sent, first("\"emailsFailed\":(\\d+)", report), sending / 1000.0, sent / (sending / 1000.0),
                sent / (delivery / 1000.0));

        // What the SMTP server received: one mailbox per recipient, one message in each (a sample is read).
        List<String> users = all("\"email\":\"([^\"]+)\"", send(mail, "GET", "/api/user", null, null, null, 200));
        List<String> sample = new ArrayList<>(users);
        Collections.shuffle(sample, new Random(7));
        sample = sample.subList(0, Math.min(300, sample.size()));
        int duplicates = 0;
        for (String user : sample) {
            String messages = send(mail, "GET", "/api/user/" + user + "/messages/INBOX/", null, null, null, 200);
            int count = all("\"Message-ID\"|\"messageId\"", messages).size();
            if (count > 1) {
                duplicates++;
            }
        }
        System.out.printf("GreenMail: %d recipients received mail; in a sample of %d mailboxes, %d held more than one message%n",
                users.size(), sample.size(), duplicates);
        String again = run(gateway, admin);
        System.out.printf("a second run right after: %s more emails sent%n", first("\"emailsSent\":(\\d+)", again));
    }

    /** Starts a run through the gateway (202 and its Location) and follows it until it has finished; answers the finished run. */
    static String run(String gateway, String admin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/reminders/run")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> started = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("POST /api/reminders/run: " + started.statusCode() + " " + started.body());
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        String token = admin;
        long tokenAt = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            if (System.nanoTime() - tokenAt > Duration.ofMinutes(5).toNanos()) {   // access tokens last 10 minutes
                token = token(gateway, "admin", PASSWORD);
                tokenAt = System.nanoTime();
            }
            String run = send(gateway, "GET", location, token, null, null, 200);
            String status = first("\"status\":\"([A-Z]+)\"", run);
            if (status.equals("FAILED")) {
                throw new IllegalStateException("the run failed: " + run);
            }
            if (status.equals("SUCCEEDED")) {
                return run;
            }
        }
        throw new IllegalStateException("the run did not finish in 10 minutes: " + location);
    }

    interface Indexed {
        void call(int i) throws Exception;
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

    static String send(String base, String method, String path, String token, String type, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
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
        return first("\"access_token\":\"([^\"]+)\"", send(gateway, "POST", "/login", null, "application/json",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", 200));
    }

    static String first(String regex, String body) {
        Matcher m = Pattern.compile(regex).matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + body);
        }
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }

    static List<String> all(String regex, String body) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(body);
        while (m.find()) {
            found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return found;
    }
}

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
 * Usage: java bench/NotificationsBench.java GATEWAY_URL PASSWORD CSV MAIL_API_URL [crash ROOT DATA_DIR]
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

        if (args.length > 4 && args[4].equals("crash")) {
            crash(gateway, admin, mail, Path.of(args[5]), Path.of(args[6]));
            return;
        }
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

    /**
     * The crash run (bench/run notifications-crash): the same 10,000 digests, but the notifications
     * service is killed with SIGKILL when a third and again when two thirds of the recipients have
     * mail, and started again each time with ./suite up (which starts only what is not running);
     * a run is asked for again (409 run-in-progress until the dead run is abandoned, 20 s). Counts
     * every mailbox: who has the email, how many got it twice, and how long after the last start
     * the last recipient had it.
     */
    static void crash(String gateway, String admin, String mail, Path root, Path data) throws Exception {
        long t0 = System.nanoTime();
        start(gateway, admin);
        int[] atKill = new int[2];
        for (int kill = 0; kill < 2; kill++) {
            int target = RECIPIENTS * (kill + 1) / 3;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (mailboxes(mail).size() < target) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("fewer than " + target + " recipients had mail after 10 minutes");
                }
                Thread.sleep(200);
            }
            long pid = Long.parseLong(Files.readString(data.resolve("run/notifications.pid")).trim());
            ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
            p.destroyForcibly();   // SIGKILL
            p.onExit().get();
            atKill[kill] = mailboxes(mail).size();
            System.out.printf("kill -9 %d: %d of %d recipients had mail (%.0f s since the run was asked for)%n", kill + 1, atKill[kill],
                    RECIPIENTS, (System.nanoTime() - t0) / 1e9);
            long restart = System.nanoTime();
            Process up = new ProcessBuilder(root.resolve("suite").toString(), "up").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (up.waitFor() != 0) {
                throw new IllegalStateException("./suite up failed after the kill");
            }
            System.out.printf("  notifications started again and healthy in %.0f s%n", (System.nanoTime() - restart) / 1e9);
            long asked = System.nanoTime();
            int refused = 0;
            while (!start(gateway, admin)) {
                refused++;
                Thread.sleep(1000);
            }
            System.out.printf("  run accepted %.0f s after the restart (%d answers 409 run-in-progress or 503 before)%n",
                    (System.nanoTime() - asked) / 1e9, refused);
            if (kill == 1) {
                t0 = restart;
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        List<String> users;
        while ((users = mailboxes(mail)).size() < RECIPIENTS && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        double afterLastStart = (System.nanoTime() - t0) / 1e9;
        AtomicInteger messages = new AtomicInteger();
        AtomicInteger twice = new AtomicInteger();
        List<String> all = users;
        parallel(all.size(), 8, i -> {
            int count = all("\"Message-ID\"|\"messageId\"", send(mail, "GET", "/api/user/" + all.get(i) + "/messages/INBOX/", null, null, null, 200)).size();
            messages.addAndGet(count);
            if (count > 1) {
                twice.incrementAndGet();
            }
        });
        System.out.println();
        System.out.println("== notifications crash run: kill -9 twice while sending " + RECIPIENTS + " digests");
        System.out.printf("%d of %d recipients have the email, %d s after the last start (bound: a minute)%n", all.size(), RECIPIENTS,
                Math.round(afterLastStart));
        System.out.printf("%d messages in all: %d duplicates, %d recipients with more than one (bound: threads x kills = 4 x 2 = 8)%n",
                messages.get(), messages.get() - all.size(), twice.get());
    }

    /** The addresses GreenMail holds a mailbox for (one is made at its first message). */
    static List<String> mailboxes(String mail) throws Exception {
        return all("\"email\":\"([^\"]+)\"", send(mail, "GET", "/api/user", null, null, null, 200));
    }

    /** Asks for a run: true when accepted (202), false on 409 run-in-progress or 503 (no instance seen healthy yet). */
    static boolean start(String gateway, String admin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/reminders/run")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> started = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        // 409 run-in-progress, or 503 while the gateway has not yet seen the restarted instance healthy again: the
        // README's client contract is to ask again.
        if (started.statusCode() == 409 || started.statusCode() == 503) {
            return false;
        }
        if (started.statusCode() != 202) {
            throw new IllegalStateException("POST /api/reminders/run: " + started.statusCode() + " " + started.body());
        }
        return true;
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

package org.grantline.e2e;

import org.grantline.shared.test.TestHttp;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite started as {@code ./suite up} starts it: the built jars as separate processes, its
 * PostgreSQL and mail server, on free ports, data in a temp folder ({@code ./suite up --replicas N}
 * also its Consul agent).
 */
final class Suite {
    static final Path REPO = Path.of(System.getenv().getOrDefault("GRANTLINE_REPO", "..")).toAbsolutePath().normalize();
    static final List<String> APPS = List.of("gateway", "jurisdiction", "grants", "documents", "notifications");

    final Map<String, String> env = new HashMap<>();
    final Path data;
    final int gatewayPort;
    final String password;
    /** What {@code ./suite up} printed. */
    String started;

    private Suite(Path data, int gatewayPort, String password) {
        this.data = data;
        this.gatewayPort = gatewayPort;
        this.password = password;
    }

    static Suite up(String password, String... options) throws Exception {
        return up(Map.of(), password, options);
    }

    /** {@code settings}: environment variables for every app (e.g. how often notifications polls), set before it starts. */
    static Suite up(Map<String, String> settings, String password, String... options) throws Exception {
        Path data = Files.createTempDirectory("grantline-e2e");
        Map<String, String> env = new HashMap<>(settings);
        nextPort = PORTS_FROM;
        int gateway = 0;
        for (String app : APPS) {
            int port = freePort();
            env.put(app.toUpperCase() + "_PORT", String.valueOf(port));
            if (app.equals("gateway")) {
                gateway = port;
            }
        }
        // The development mail server on ports of its own too (not a developer's GreenMail on 3025/8086).
        env.put("SMTP_PORT", String.valueOf(freePort()));
        env.put("MAIL_API_PORT", String.valueOf(freePort()));
        env.put("GRANTLINE_PG_PORT", String.valueOf(freePort()));
        env.put("CONSUL_PORT", String.valueOf(freePort()));
        env.put("GATEWAY2_PORT", String.valueOf(freePort()));
        env.put("GRANTLINE_REPLICA_PORTS_FROM", String.valueOf(PORTS_FROM > 0 ? nextPort : freeBlock(40)));
        env.put("GRANTLINE_DATA_DIR", data.toString());
        env.put("GRANTLINE_DEMO_PASSWORD", password);
        env.put("GRANTLINE_APP_URL", "http://localhost:" + gateway);
        Suite suite = new Suite(data, gateway, password);
        suite.env.putAll(env);
        String[] up = new String[options.length + 1];
        up[0] = "up";
        System.arraycopy(options, 0, up, 1, options.length);
        suite.started = suite.run(up);
        assertThat(suite.started).contains("GrantLine is up: http://localhost:" + gateway);
        return suite;
    }

    void down() throws Exception {
        assertThat(run("down")).contains("GrantLine stopped.");
    }

    String url() {
        return "http://localhost:" + gatewayPort;
    }

    /** GreenMail's web API, where the reminder emails can be read. */
    TestHttp mail() {
        return new TestHttp("http://127.0.0.1:" + env.get("MAIL_API_PORT"));
    }

    TestHttp http() {
        return new TestHttp("http://127.0.0.1:" + gatewayPort);
    }

    String token(String username) {
        TestHttp.Response response = http().post("/login", null, Map.of("username", username, "password", password));
        assertThat(response.status()).as(username + ": " + response).isEqualTo(200);
        return (String) response.json().get("access_token");
    }

    record Result(int exitCode, String output) {
    }

    /** Runs {@code ./suite COMMAND ARGS}; it must succeed. */
    String run(String... command) throws IOException, InterruptedException {
        Result result = command(command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    /** Runs {@code ./suite COMMAND ARGS} and reports how it ended. */
    Result command(String... command) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of(REPO.resolve("suite").toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).directory(REPO.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().remove("MICRONAUT_ENVIRONMENTS");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./suite " + String.join(" ", command) + " did not finish: " + new String(out, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /**
     * The first of {@code size} consecutive free ports below the kernel's ephemeral range
     * (32768–60999), where outgoing connections never take one while a replica is starting.
     */
    static int freeBlock(int size) {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = 20_000 + random.nextInt(12_000 - size);
            boolean free = true;
            for (int port = first; port < first + size && free; port++) {
                try (ServerSocket socket = new ServerSocket(port)) {
                    socket.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + size + " consecutive free ports between 20000 and 32000");
    }

    /**
     * With {@code GRANTLINE_E2E_PORTS_FROM} set (a shared machine where each run is given a block of
     * ports, 20 of them), the suite's ports are the free ones counted up from there; else any free port.
     */
    static final int PORTS_FROM = Integer.parseInt(System.getenv().getOrDefault("GRANTLINE_E2E_PORTS_FROM", "0"));
    private static int nextPort;

    static int freePort() throws IOException {
        while (PORTS_FROM > 0 && nextPort < PORTS_FROM + 20) {
            int port = nextPort++;
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
                return port;
            } catch (IOException taken) {
                // the next one
            }
        }
        // Any free port, but never one handed out before in this run: the apps bind them only later, so
        // the system may offer the same ephemeral port twice (two apps got 40943 once, and one failed to start).
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (GIVEN.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
}

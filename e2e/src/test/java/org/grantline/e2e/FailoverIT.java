package org.grantline.e2e;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.grantline.devtools.DevConsul;
import org.grantline.shared.test.TestDatabase;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failover scenario of issue 12 with real processes, production settings and the Consul
 * stand-in: a gateway and two jurisdiction instances (the built jars, sharing one PostgreSQL
 * database, registered in Consul on loopback and checked every 10 s as in production), concurrent
 * GETs through the gateway, and one instance killed with SIGKILL in the middle. Every GET must
 * succeed (in-flight ones are retried on the other instance, new ones meet the dead one until
 * Consul's next check and go elsewhere), and the gateway logs the ejection once, not once per request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverIT {
    static final String ADMIN = "failover.admin";
    static final String PASSWORD = "failover admin password";

    final Map<String, Process> processes = new HashMap<>();
    final Map<String, Path> logs = new HashMap<>();
    DevConsul consul;
    Path work;
    int gatewayPort;
    TestHttp gateway;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("grantline-failover");
        consul = new DevConsul();
        // The apps register as in production, with a check every 10 s, which the agent runs at that
        // interval: the killed instance stays listed as passing for a while and the gateway meets it.
        gatewayPort = Suite.freePort();
        String secret = "failover-secret-" + UUID.randomUUID();
        String key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate().toJSONString();

        Map<String, String> gatewayEnv = common(gatewayPort, TestDatabase.createDatabase("gateway"));
        gatewayEnv.put("GRANTLINE_JWT_PRIVATE_KEY", key);
        gatewayEnv.put("GRANTLINE_ADMIN_USERNAME", ADMIN);
        gatewayEnv.put("GRANTLINE_ADMIN_PASSWORD", PASSWORD);
        // Production settings, but this test is about failover, not two-factor sign-in: the admin it
        // signs in as is not among the roles that must have a second factor here.
        gatewayEnv.put("GRANTLINE_MFA_REQUIRED_ROLES", "LEGAL_OFFICER");
        gatewayEnv.put("GRANTLINE_CLIENT_SECRET_JURISDICTION", secret);
        launch("gateway", "gateway/target/gateway.jar", gatewayEnv);
        gateway = new TestHttp("http://127.0.0.1:" + gatewayPort);
        awaitHealthy("gateway", gatewayPort);

        String jurisdictionDb = TestDatabase.createDatabase("jurisdiction");
        for (String instance : List.of("jurisdiction-a", "jurisdiction-b")) {
            int port = Suite.freePort();
            Map<String, String> env = common(port, jurisdictionDb);
            env.put("GRANTLINE_JWKS_URL", "http://127.0.0.1:" + gatewayPort + "/keys");
            env.put("GRANTLINE_GATEWAY_URL", "http://127.0.0.1:" + gatewayPort);
            env.put("GRANTLINE_CLIENT_SECRET", secret);
            launch(instance, "services/jurisdiction/target/jurisdiction.jar", env);
            awaitHealthy(instance, port);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> consul.instancesOf("jurisdiction").size() == 2);
        // Every instance on loopback: the load below goes nowhere else.
        assertThat(consul.instancesOf("jurisdiction")).allSatisfy(s -> assertThat(s.get("Address")).isEqualTo("127.0.0.1"));
    }

    Map<String, String> common(int port, String database) {
        Map<String, String> env = new HashMap<>();
        // An environment with no file of its own: the production settings of application.yml.
        env.put("MICRONAUT_ENVIRONMENTS", "failover");
        env.put("PORT", String.valueOf(port));
        env.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        env.put("DATASOURCE_URL", database);
        env.put("DATASOURCE_USERNAME", "postgres");
        env.put("DATASOURCE_PASSWORD", "");
        env.put("CONSUL_HOST", "127.0.0.1");
        env.put("CONSUL_PORT", String.valueOf(consul.port()));
        env.put("CONSUL_CLIENT_REGISTRATION_IP_ADDR", "127.0.0.1");
        return env;
    }

    void launch(String name, String jar, Map<String, String> env) throws IOException {
        Path log = work.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                Suite.REPO.resolve(jar).toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        processes.put(name, builder.start());
        logs.put(name, log);
    }

    void awaitHealthy(String name, int port) {
        TestHttp http = new TestHttp("http://127.0.0.1:" + port);
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> http.get("/health", null).status() == 200);
        } catch (RuntimeException e) {
            throw new AssertionError(name + " did not start: " + tail(name), e);
        }
    }

    String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(logs.get(name), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @AfterAll
    void stop() {
        processes.values().forEach(Process::destroy);
        processes.values().forEach(p -> {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (consul != null) {
            consul.close();
        }
    }

    @Test
    void noGetFailsWhenOneOfTwoInstancesIsKilledUnderLoad() throws Exception {
        TestHttp.Response login = gateway.post("/login", null, Map.of("username", ADMIN, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String token = (String) login.json().get("access_token");
        assertThat(gateway.get("/api/jurisdictions?size=5", token).status()).isEqualTo(200);

        AtomicInteger ok = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        AtomicLong killedAt = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(14).toNanos();
        ExecutorService load = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            workers.add(load.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        int status = gateway.get("/api/jurisdictions?size=5", token).status();
                        if (status == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.merge("HTTP " + status, 1, Integer::sum);
                        }
                    } catch (RuntimeException e) {
                        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                }
            }));
        }
        Thread.sleep(4000);
        int before = ok.get();
        processes.get("jurisdiction-a").destroyForcibly();   // SIGKILL: no deregistration, no goodbye
        killedAt.set(System.nanoTime());
        for (java.util.concurrent.Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        load.shutdown();
        int after = ok.get() - before;

        assertThat(before).as("GETs before the kill").isPositive();
        assertThat(after).as("GETs after the kill").isPositive();
        assertThat(failures).as("failed GETs (" + ok.get() + " succeeded)").isEmpty();
        String gatewayLog = Files.readString(logs.get("gateway"));
        long ejections = gatewayLog.lines().filter(l -> l.contains("out of rotation")).count();
        long warnings = gatewayLog.lines().filter(l -> l.contains(" WARN ")).count();
        assertThat(ejections).as(tail("gateway")).isEqualTo(1);
        assertThat(warnings).as("a handful of lines, not one per request: " + tail("gateway")).isLessThan(10);
        System.out.printf("failover: %d GETs before the kill, %d after, 0 failed%n", before, after);
    }
}

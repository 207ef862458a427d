package org.grantline.e2e;

import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The production topology on one machine: {@code ./suite up --replicas 2} runs two instances of
 * every service and two gateways on one PostgreSQL, each instance registered with the Consul agent
 * (the development agent where no consul binary is installed) under its own id and found through
 * it; {@code ./suite scale} changes a running suite; an instance killed with {@code kill -9} leaves
 * the rotation when the agent's check fails, and reads go on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {
    static final String PASSWORD = "e2e-replicas-password";
    static final String BALTIMORE = SuiteIT.BALTIMORE;
    static final Pattern ROW = Pattern.compile("^(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(.+)$");
    Suite suite;
    TestHttp gateway1;
    TestHttp gateway2;

    record Instance(String name, int port, String pid, String health, String consul) {
    }

    @BeforeAll
    void up() throws Exception {
        suite = Suite.up(PASSWORD, "--replicas", "2");
        assertThat(suite.started).contains("two gateways").contains("2 of each service");
        gateway1 = suite.http();
        gateway2 = new TestHttp("http://127.0.0.1:" + suite.env.get("GATEWAY2_PORT"));
    }

    @AfterAll
    void down() throws Exception {
        suite.down();
        try (Stream<Path> left = Files.list(suite.data.resolve("run"))) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".pid")).toList())
                    .as("every instance, the database, the agent and the mail server stopped").isEmpty();
        }
    }

    /** {@code ./suite status}: instance → its row. */
    Map<String, Instance> status() throws Exception {
        Map<String, Instance> rows = new LinkedHashMap<>();
        for (String line : suite.command("status").output().lines().toList()) {
            Matcher m = ROW.matcher(line);
            if (m.matches() && !m.group(1).equals("INSTANCE") && !line.contains(":")) {
                rows.put(m.group(1), new Instance(m.group(1), Integer.parseInt(m.group(2)), m.group(3), m.group(4), m.group(5).strip()));
            }
        }
        return rows;
    }

    TestHttp consul() {
        return new TestHttp("http://127.0.0.1:" + suite.env.get("CONSUL_PORT"));
    }

    @SuppressWarnings("unchecked")
    List<Integer> passingPorts(String service) {
        List<Integer> ports = new ArrayList<>();
        for (Object entry : consul().get("/v1/health/service/" + service + "?passing", null).jsonList()) {
            ports.add(((Number) ((Map<String, Object>) ((Map<String, Object>) entry).get("Service")).get("Port")).intValue());
        }
        return ports;
    }

    String token(TestHttp gateway, String username) {
        TestHttp.Response response = gateway.post("/login", null, Map.of("username", username, "password", PASSWORD));
        assertThat(response.status()).as(username + ": " + response).isEqualTo(200);
        return (String) response.json().get("access_token");
    }

    String log(String instance) {
        try {
            return Files.readString(suite.data.resolve("logs/" + instance + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Order(1)
    @Test
    @SuppressWarnings("unchecked")
    void statusListsTwoGatewaysAndTwoOfEachServiceEachUpOnItsOwnPortAndRegisteredUnderItsOwnId() throws Exception {
        Map<String, Instance> rows = status();
        assertThat(rows.keySet()).containsExactly("gateway-1", "gateway-2", "jurisdiction-1", "jurisdiction-2", "grants-1",
                "grants-2", "documents-1", "documents-2", "notifications-1", "notifications-2");
        assertThat(rows.values()).allSatisfy(r -> {
            assertThat(r.health()).as(r.name()).isEqualTo("UP");
            assertThat(r.consul()).as(r.name()).isEqualTo("passing");
        });
        assertThat(rows.values().stream().map(Instance::port).distinct()).hasSize(10);
        assertThat(rows.get("gateway-2").port()).isEqualTo(Integer.parseInt(suite.env.get("GATEWAY2_PORT")));

        Map<String, Object> registered = consul().get("/v1/agent/services", null).json();
        assertThat(registered).hasSize(10);
        for (String app : Suite.APPS) {
            List<Map<String, Object>> instances = registered.values().stream().map(v -> (Map<String, Object>) v)
                    .filter(v -> app.equals(v.get("Service"))).toList();
            assertThat(instances).as(app).hasSize(2);
            assertThat(instances).extracting(v -> v.get("ID")).doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat((String) id).startsWith(app + ":"));
        }
        // The checks the agent runs: each instance's /health, every 2 s on the embedded default.
        String checks = consul().get("/v1/agent/checks", null).body();
        assertThat(checks).contains("\"Status\":\"passing\"").doesNotContain("\"Status\":\"critical\"");
    }

    @Order(2)
    @Test
    void bothGatewaysServeEveryServiceAndShareTheSigningKeyAndTheSessions() {
        String fromFirst = token(gateway1, "doj.officer");
        for (TestHttp gateway : List.of(gateway1, gateway2)) {
            assertThat(gateway.get("/api/jurisdictions/" + BALTIMORE, fromFirst).json()).containsEntry("name", "Baltimore");
            for (String path : List.of("/api/programs", "/api/awards", "/api/documents", "/api/notifications")) {
                TestHttp.Response response = gateway.get(path, fromFirst);
                assertThat(response.status()).as(path + " " + response).isEqualTo(200);
            }
        }
        TestHttp.Response signedIn = gateway2.post("/login", null, Map.of("username", "baltimore.counsel", "password", PASSWORD));
        TestHttp.Response refreshed = gateway1.post("/oauth/access_token", null,
                Map.of("grant_type", "refresh_token", "refresh_token", signedIn.json().get("refresh_token")));
        assertThat(refreshed.status()).as("a session begun at one gateway goes on at the other").isEqualTo(200);
    }

    @Order(3)
    @Test
    @SuppressWarnings("unchecked")
    void theGatewaysSpreadRequestsOverTheReplicasAndTheDemoDataWasLoadedOnce() {
        String token = token(gateway1, "auditor");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String id = "replicas-" + UUID.randomUUID();
            ids.add(id);
            TestHttp gateway = i % 2 == 0 ? gateway1 : gateway2;
            assertThat(gateway.send("GET", "/api/jurisdictions/" + BALTIMORE, token, null, Map.of("X-Request-Id", id)).status())
                    .isEqualTo(200);
        }
        for (String replica : List.of("jurisdiction-1", "jurisdiction-2")) {
            String log = log(replica);
            assertThat(ids.stream().filter(id -> log.contains("request=" + id))).as(replica + " served some").isNotEmpty();
        }

        // Both replicas of each service started on the same empty database at once.
        // The demo data is loaded in the background once the registry answers (DemoGrants retries
        // every 10 s); on two loaded cores that can come after the suite reports UP, so wait for it.
        String doj = token(gateway1, "doj.officer");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> log("grants-1").contains("Demo awards ready") || log("grants-2").contains("Demo awards ready"));
        List<String> cases = gateway1.get("/api/court-orders", doj).jsonList().stream()
                .map(o -> (String) ((Map<String, Object>) o).get("caseNumber")).toList();
        assertThat(cases).contains("1:17-cv-05720").doesNotHaveDuplicates();
        List<Map<String, Object>> awards = (List<Map<String, Object>>) gateway1.get("/api/awards?size=100", doj).json().get("items");
        assertThat(awards).extracting(a -> a.get("awardNumber")).contains("2017-DJ-BX-0775").doesNotHaveDuplicates();
        assertThat(gateway1.get("/api/jurisdictions?type=COUNTY&state=MD&size=100", doj).json()).containsEntry("total", 24);
        for (String instance : List.of("jurisdiction-1", "jurisdiction-2", "grants-1", "grants-2")) {
            assertThat(log(instance)).as(instance).doesNotContain("duplicate key");
        }
    }

    @Order(4)
    @Test
    void scalingGrantsToThreeAndBackToOneChangesTheRunningSuite() throws Exception {
        String scaledUp = suite.run("scale", "grants=3");
        assertThat(scaledUp).contains("started grants-3");
        Map<String, Instance> rows = status();
        assertThat(rows.keySet()).contains("grants-1", "grants-2", "grants-3");
        assertThat(rows.get("grants-3").health()).isEqualTo("UP");
        assertThat(rows.get("grants-3").consul()).isEqualTo("passing");
        assertThat(passingPorts("grants")).containsExactlyInAnyOrder(rows.get("grants-1").port(), rows.get("grants-2").port(),
                rows.get("grants-3").port());
        String token = token(gateway1, "doj.officer");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = "scaled-" + UUID.randomUUID();
            ids.add(id);
            assertThat(gateway1.send("GET", "/api/programs", token, null, Map.of("X-Request-Id", id)).status()).isEqualTo(200);
        }
        String third = log("grants-3");
        assertThat(ids.stream().filter(id -> third.contains("request=" + id))).as("the new instance takes its share").isNotEmpty();

        String scaledDown = suite.run("scale", "grants=1");
        assertThat(scaledDown).contains("stopped grants-2 grants-3");
        rows = status();
        assertThat(rows.keySet()).contains("grants-1").doesNotContain("grants-2", "grants-3");
        assertThat(passingPorts("grants")).as("the stopped instances deregistered").containsExactly(rows.get("grants-1").port());
        assertThat(consul().get("/v1/health/service/grants", null).jsonList()).hasSize(1);
        for (TestHttp gateway : List.of(gateway1, gateway2)) {
            for (int i = 0; i < 6; i++) {
                assertThat(gateway.get("/api/programs", token).status()).isEqualTo(200);
            }
        }
    }

    @Order(5)
    @Test
    void whenAnInstanceIsKilledTheAgentMarksItCriticalAndReadsThroughBothGatewaysGoOn() throws Exception {
        Instance doomed = status().get("jurisdiction-2");
        ProcessHandle process = ProcessHandle.of(Long.parseLong(doomed.pid())).orElseThrow();
        process.destroyForcibly();                                    // kill -9: no deregistration
        process.onExit().get(20, TimeUnit.SECONDS);
        String token = token(gateway2, "auditor");

        // The agent checks every 2 s: the dead instance turns critical and is left out of the passing set.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> !passingPorts("jurisdiction").contains(doomed.port()));
        Instance after = status().get("jurisdiction-2");
        assertThat(after.health()).isEqualTo("stopped");
        assertThat(after.consul()).isEqualTo("critical");
        for (int i = 0; i < 20; i++) {
            TestHttp gateway = i % 2 == 0 ? gateway1 : gateway2;
            TestHttp.Response read = gateway.get("/api/jurisdictions/" + BALTIMORE, token);
            assertThat(read.status()).as("read " + i + ": " + read).isEqualTo(200);
        }

        // Scaled back to two, the instance comes back on its port and serves again.
        assertThat(suite.run("scale", "jurisdiction=2")).contains("started jurisdiction-2 on port " + doomed.port());
        assertThat(passingPorts("jurisdiction")).contains(doomed.port());
        assertThat(status().get("jurisdiction-2").health()).isEqualTo("UP");
    }
}

package org.grantline.devtools;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The development agent behaves as a Consul agent does for what the apps use: it runs the checks itself. */
class DevConsulTest {
    final DevConsul agent = new DevConsul();
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    HttpServer instance;
    volatile int health = 200;

    @AfterEach
    void stop() {
        agent.close();
        if (instance != null) {
            instance.stop(0);
        }
    }

    int startInstance() throws IOException {
        instance = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        instance.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(health, -1);
            exchange.close();
        });
        instance.start();
        return instance.getAddress().getPort();
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    List<Map<String, Object>> healthy(String name) throws Exception {
        return json.readValue(call("GET", "/v1/health/service/" + name + "?passing", null).body(), new TypeReference<>() { });
    }

    /** A registration as Micronaut's Consul client sends it. */
    String registration(String id, int port, String deregisterAfter) {
        return """
                {"Name":"grants","ID":"%s","Address":"127.0.0.1","Port":%d,"Tags":[],"Meta":{},
                 "Checks":[{"HTTP":"http://127.0.0.1:%d/health","Interval":"1s","Status":"passing","Method":"GET"%s}]}"""
                .formatted(id, port, port, deregisterAfter == null ? "" : ",\"DeregisterCriticalServiceAfter\":\"" + deregisterAfter + "\"");
    }

    @Test
    void anInstanceWhoseHealthCheckFailsIsMarkedCriticalAtTheNextCheckAndLeftOutOfPassingQueries() throws Exception {
        int port = startInstance();
        assertThat(call("PUT", "/v1/agent/service/register", registration("grants:a", port, null)).statusCode()).isEqualTo(200);
        assertThat(healthy("grants")).hasSize(1);
        assertThat(agent.status("grants:a")).contains("passing");

        health = 503;
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.status("grants:a").orElseThrow().equals("critical"));
        assertThat(healthy("grants")).isEmpty();
        List<Map<String, Object>> all = json.readValue(call("GET", "/v1/health/service/grants", null).body(), new TypeReference<>() { });
        assertThat(all).hasSize(1);
        assertThat(all.get(0).get("Checks").toString()).contains("critical").contains("HTTP 503");

        health = 200;
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.status("grants:a").orElseThrow().equals("passing"));
        assertThat(healthy("grants")).hasSize(1);
    }

    @Test
    void anInstanceThatStopsAnsweringIsCriticalAndRemovedAfterDeregisterCriticalServiceAfter() throws Exception {
        int port = startInstance();
        call("PUT", "/v1/agent/service/register", registration("grants:b", port, "2s"));
        instance.stop(0);
        instance = null;
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.status("grants:b").orElse("").equals("critical"));
        await().atMost(Duration.ofSeconds(8)).until(() -> agent.status("grants:b").isEmpty());
        assertThat(agent.deregistered()).containsExactly("grants:b");
        assertThat(call("GET", "/v1/catalog/services", null).body()).doesNotContain("grants");
    }

    @Test
    void deregistrationAndTtlChecksWorkAsInConsul() throws Exception {
        call("PUT", "/v1/agent/service/register", """
                {"Name":"jobs","ID":"jobs:1","Port":1,"Check":{"TTL":"1s","Status":"critical"}}""");
        assertThat(healthy("jobs")).isEmpty();
        assertThat(call("PUT", "/v1/agent/check/pass/service:jobs:1", null).statusCode()).isEqualTo(200);
        assertThat(healthy("jobs")).hasSize(1);
        await().atMost(Duration.ofSeconds(4)).until(() -> agent.status("jobs:1").orElseThrow().equals("critical"));

        assertThat(call("GET", "/v1/agent/services", null).body()).contains("\"jobs:1\"").contains("\"Service\":\"jobs\"");
        assertThat(call("PUT", "/v1/agent/service/deregister/jobs:1", null).statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/v1/agent/service/deregister/jobs:1", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/v1/kv/anything", null).statusCode()).isEqualTo(404);
    }

    @Test
    void durationsAreReadInGoSyntax() {
        assertThat(DevConsul.duration("10s")).contains(Duration.ofSeconds(10));
        assertThat(DevConsul.duration("1m30s")).contains(Duration.ofSeconds(90));
        assertThat(DevConsul.duration("500ms")).contains(Duration.ofMillis(500));
        assertThat(DevConsul.duration("soon")).isEmpty();
    }
}

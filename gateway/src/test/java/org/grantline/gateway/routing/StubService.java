package org.grantline.gateway.routing;

import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;
import org.grantline.shared.test.StubServer.Request;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A downstream instance over real HTTP that records what reached it and says who it is. */
final class StubService implements AutoCloseable {

    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    final String name;
    /** What reached it, health checks left out. */
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile long delayMillis;
    volatile boolean healthy = true;
    private final StubServer server;

    StubService(String name) {
        this(name, 0);
    }

    /** On a given port (0: any free one): a restarted instance comes back where it was. */
    StubService(String name, int port) {
        this.name = name;
        this.server = StubServer.start(port)
                .on(null, "/health", r -> Answer.json(healthy ? 200 : 503, Map.of("status", healthy ? "UP" : "DOWN")))
                .on(null, "/", this::answer);
    }

    private Answer answer(Request r) throws InterruptedException {
        received.add(new Received(r.method(), r.target(), Map.copyOf(r.headers()), r.text()));
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        return Answer.json(201, Map.of("instance", name)).withHeader("X-Instance", name);
    }

    int port() {
        return server.port();
    }

    String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}

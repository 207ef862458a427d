package org.grantline.grants.outbox;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the relay right after a requirement change commits, on every replica: the outbox trigger's
 * {@code NOTIFY requirement_changes} is delivered by PostgreSQL at commit (never for a rollback) to
 * the {@code LISTEN} this bean holds on a connection of its own. Wakes that arrive while a pass runs
 * fold into one more pass. A sweep every few seconds catches what a lost notification or a
 * backoff left behind; the claims in {@link ChangeRelay} keep replicas from sending a row twice.
 */
@Context
@Requires(property = "grantline.outbox.relay.enabled", notEquals = "false")
public class ChangeWake {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWake.class);
    static final String CHANNEL = "requirement_changes";

    private final ChangeRelay relay;
    private final String url;
    private final String username;
    private final String password;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "outbox-relay"));
    private final Thread listener;
    private volatile boolean running = true;

    public ChangeWake(ChangeRelay relay, @Value("${datasources.default.url}") String url,
                      @Value("${datasources.default.username:}") String username,
                      @Value("${datasources.default.password:}") String password) {
        this.relay = relay;
        this.url = url;
        this.username = username;
        this.password = password;
        this.listener = daemon(this::listen, "outbox-listen");
        listener.start();
    }

    /** Asks for a relay pass soon; a pass already queued is enough. */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                try {
                    relay.relayDue();
                } catch (RuntimeException e) {
                    LOG.warn("Outbox relay pass failed: {}", e.toString());
                }
            });
        }
    }

    @Scheduled(fixedDelay = "${grantline.outbox.sweep-every:5s}", initialDelay = "${grantline.outbox.sweep-every:5s}")
    void sweep() {
        wake();
    }

    private void listen() {
        while (running) {
            try (Connection c = DriverManager.getConnection(url, username, password); Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                wake();   // what committed while no one listened
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(2000);
                    if (notifications != null && notifications.length > 0) {
                        wake();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("Outbox listener lost its connection ({}); the sweep relays meanwhile", e.toString());
                    sleep(2000);
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        listener.interrupt();
        worker.shutdown();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}

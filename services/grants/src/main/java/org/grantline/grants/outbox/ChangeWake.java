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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the outbox relays right after their rows commit, on every replica: the outbox triggers'
 * {@code NOTIFY requirement_changes} (a requirement change, {@link ChangeRelay}) and
 * {@code NOTIFY message_notices} (a shared conversation message, {@link MessageNoticeRelay}) are
 * delivered by PostgreSQL at commit (never for a rollback) to the {@code LISTEN}s this bean holds on
 * one connection of its own. Each channel has its own worker, so a slow notifications call of one
 * relay does not hold back the other; wakes that arrive while a pass runs fold into one more pass.
 * A sweep every few seconds catches what a lost notification or a backoff left behind; the claims
 * in the relays keep replicas from sending a row twice.
 */
@Context
@Requires(property = "grantline.outbox.relay.enabled", notEquals = "false")
public class ChangeWake {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWake.class);
    static final String CHANNEL = "requirement_changes";
    static final String MESSAGE_CHANNEL = "message_notices";

    private final String url;
    private final String username;
    private final String password;
    /** The relay lane of each channel, by channel name. */
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Thread listener;
    private volatile boolean running = true;

    public ChangeWake(ChangeRelay relay, MessageNoticeRelay messages, @Value("${datasources.default.url}") String url,
                      @Value("${datasources.default.username:}") String username,
                      @Value("${datasources.default.password:}") String password) {
        this.url = url;
        this.username = username;
        this.password = password;
        lanes.put(CHANNEL, new Lane("outbox-relay", relay::relayDue));
        lanes.put(MESSAGE_CHANNEL, new Lane("message-relay", messages::relayDue));
        this.listener = daemon(this::listen, "outbox-listen");
        listener.start();
    }

    /** One relay and its single worker: a pass already queued is enough. */
    private static final class Lane {
        private final String name;
        private final Runnable pass;
        private final AtomicBoolean queued = new AtomicBoolean();
        private final ExecutorService worker;

        Lane(String name, Runnable pass) {
            this.name = name;
            this.pass = pass;
            this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, name));
        }

        void wake() {
            if (queued.compareAndSet(false, true)) {
                worker.execute(() -> {
                    queued.set(false);
                    try {
                        pass.run();
                    } catch (RuntimeException e) {
                        LOG.warn("Outbox relay pass ({}) failed: {}", name, e.toString());
                    }
                });
            }
        }
    }

    /** Asks every relay for a pass soon. */
    public void wake() {
        lanes.values().forEach(Lane::wake);
    }

    @Scheduled(fixedDelay = "${grantline.outbox.sweep-every:5s}", initialDelay = "${grantline.outbox.sweep-every:5s}")
    void sweep() {
        wake();
    }

    private void listen() {
        while (running) {
            try (Connection c = DriverManager.getConnection(url, username, password); Statement s = c.createStatement()) {
                for (String channel : lanes.keySet()) {
                    s.execute("LISTEN " + channel);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                wake();   // what committed while no one listened
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(2000);
                    if (notifications != null) {
                        for (String channel : channels(notifications)) {
                            lanes.get(channel).wake();
                        }
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

    /** The channels named in these notifications that have a lane, each once. */
    private Set<String> channels(PGNotification[] notifications) {
        Set<String> named = new LinkedHashSet<>();
        for (PGNotification n : notifications) {
            if (lanes.containsKey(n.getName())) {
                named.add(n.getName());
            }
        }
        return named;
    }

    @PreDestroy
    void stop() {
        running = false;
        listener.interrupt();
        lanes.values().forEach(l -> l.worker.shutdown());
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

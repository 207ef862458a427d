package org.grantline.shared.security.revocation;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The tokens that must no longer work although their signature and expiry are fine: a copy of the
 * gateway's revocation list, read every {@code grantline.revocations.poll-interval} (1 s). When the
 * copy is older than {@code grantline.revocations.max-staleness} (4 s), because the gateway cannot
 * be reached, person tokens are refused altogether (fail closed): a revocation therefore takes hold
 * within about 5 s everywhere, whether or not the list can be read. One log line per change of state.
 */
@Singleton
public class RevocationList {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationList.class);

    private record Snapshot(Map<String, Long> minVersionBySubject, Set<UUID> revokedSessions, Instant readAt) {
    }

    private final RevocationSource source;
    private final Duration maxStaleness;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Set.of(), Instant.MIN);
    private volatile boolean failing;
    /** Whether a request has been refused for a stale copy since the last read (logged once per episode). */
    private volatile boolean staleSeen;

    public RevocationList(RevocationSource source,
                          @Value("${grantline.revocations.max-staleness:4s}") Duration maxStaleness) {
        this.source = source;
        this.maxStaleness = maxStaleness;
    }

    /** The first read happens before the app takes requests, so a healthy start is never stale. */
    @EventListener
    void onStartup(StartupEvent event) {
        refresh();
    }

    @Scheduled(fixedDelay = "${grantline.revocations.poll-interval:1s}", initialDelay = "${grantline.revocations.poll-interval:1s}")
    void poll() {
        refresh();
    }

    /** Reads the list now; false when the source could not be read. */
    public boolean refresh() {
        Instant started = Instant.now();
        try {
            List<RevocationEntry> entries = source.fetch();
            Map<String, Long> versions = new HashMap<>();
            Set<UUID> sessions = new HashSet<>();
            for (RevocationEntry entry : entries) {
                if (entry.sessionId() != null) {
                    sessions.add(entry.sessionId());
                }
                if (entry.minVersion() != null) {
                    versions.merge(entry.subject(), entry.minVersion(), Math::max);
                }
            }
            snapshot = new Snapshot(Map.copyOf(versions), Set.copyOf(sessions), started);
            if (staleSeen) {
                staleSeen = false;
                LOG.info("Revocation list read again; person tokens are accepted again");
            }
            if (failing) {
                failing = false;
                LOG.info("Revocation list readable again ({} entries)", entries.size());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            if (!failing) {
                failing = true;
                // A refused connection's exception has no message: then its type says what happened.
                LOG.warn("Cannot read the revocation list ({}); person tokens are refused once it is older than {}",
                        e.getMessage() != null ? e.getMessage() : e.toString(), maxStaleness);
            }
            return false;
        }
    }

    /** Whether the copy is recent enough to decide on. */
    public boolean isFresh() {
        Instant readAt = snapshot.readAt();
        boolean fresh = Duration.between(readAt, Instant.now()).compareTo(maxStaleness) <= 0;
        if (!fresh && !staleSeen) {
            staleSeen = true;
            LOG.warn("Revocation list last read at {} (older than {}): person tokens are refused until it is read again",
                    readAt.equals(Instant.MIN) ? "never" : readAt, maxStaleness);
        }
        return fresh;
    }

    /** Whether a token of this subject, session and version has been revoked. */
    public boolean isRevoked(String subject, UUID session, long version) {
        Snapshot current = snapshot;
        if (session != null && current.revokedSessions().contains(session)) {
            return true;
        }
        Long min = current.minVersionBySubject().get(subject);
        return min != null && version < min;
    }
}

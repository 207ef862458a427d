package org.grantline.notifications.delivery;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Which digest each email joins: at most one email per recipient per day, so every email of a
 * recipient's day joins that day's digest, made if missing. A digest that is being sent, sent or
 * dead takes nothing more: the email tries the next day's, and so on ({@link #MAX_DAYS} days at
 * most); a cancelled one (its reminders stopped, then planned again) is reopened. Digests are
 * made and locked in one order (recipient, then day), so two replicas never wait on each other in
 * a circle.
 */
final class DigestGrouping {
    /** How many days on an email may move before it is left out of this pass (the next one tries again). */
    static final int MAX_DAYS = 8;

    private DigestGrouping() {
    }

    /** A recipient's digest of one day. */
    record Key(String recipient, LocalDate day) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::recipient).thenComparing(Key::day);

        Key next() {
            return new Key(recipient, day.plusDays(1));
        }

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    /** A digest as it stands. */
    record Found(UUID id, DeliveryStatus status) {
    }

    /** Where digests are made and locked (the database, in the fan-out's transaction). */
    interface Store {
        /** Makes the digests missing among {@code sendAt}'s keys (each waiting until its instant) and locks every one, in key order. */
        Map<Key, Found> makeAndLock(SortedMap<Key, Instant> sendAt) throws SQLException;

        /** Cancelled digests that take emails again: pending once more. */
        void reopen(List<UUID> digests) throws SQLException;
    }

    /** When a new digest goes out: {@code original} is the day the email asked for, {@code tried} the one it joins. */
    @FunctionalInterface
    interface SendAt {
        Instant of(Key original, Key tried);
    }

    /** The digest each key's emails join (keys that moved past {@link #MAX_DAYS} days are missing). */
    static Map<Key, UUID> assign(Iterable<Key> keys, SendAt sendAt, Store store) throws SQLException {
        Map<Key, UUID> joined = new HashMap<>();
        Map<Key, Key> wanted = new TreeMap<>();   // the day asked for -> the day tried now
        keys.forEach(k -> wanted.put(k, k));
        for (int round = 0; round < MAX_DAYS && !wanted.isEmpty(); round++) {
            SortedMap<Key, Instant> tried = new TreeMap<>();
            wanted.forEach((original, key) -> tried.putIfAbsent(key, sendAt.of(original, key)));
            Map<Key, Found> found = store.makeAndLock(tried);
            List<UUID> reopen = new ArrayList<>();
            for (var e : new ArrayList<>(wanted.entrySet())) {
                Found digest = found.get(e.getValue());
                if (digest != null && digest.status().takesMoreItems()) {
                    if (digest.status() == DeliveryStatus.CANCELLED && !reopen.contains(digest.id())) {
                        reopen.add(digest.id());
                    }
                    joined.put(e.getKey(), digest.id());
                    wanted.remove(e.getKey());
                } else if (digest != null) {
                    wanted.put(e.getKey(), e.getValue().next());
                }
            }
            store.reopen(reopen);
        }
        return joined;
    }
}

package org.grantline.notifications.delivery;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which digest an email joins: the rule alone, against digests held in memory. */
class DigestGroupingTest {
    static final Instant NOW = Instant.parse("2031-05-01T13:00:00Z");
    static final LocalDate DAY = LocalDate.of(2031, 5, 1);

    /** Digests in memory; records what was made, locked (in which order) and reopened. */
    static final class Memory implements DigestGrouping.Store {
        final Map<DigestGrouping.Key, DigestGrouping.Found> digests = new HashMap<>();
        final Map<DigestGrouping.Key, Instant> made = new HashMap<>();
        final List<List<DigestGrouping.Key>> locked = new ArrayList<>();
        final List<UUID> reopened = new ArrayList<>();

        DigestGrouping.Found put(String recipient, LocalDate day, DeliveryStatus status) {
            DigestGrouping.Found f = new DigestGrouping.Found(UUID.randomUUID(), status);
            digests.put(new DigestGrouping.Key(recipient, day), f);
            return f;
        }

        @Override
        public Map<DigestGrouping.Key, DigestGrouping.Found> makeAndLock(SortedMap<DigestGrouping.Key, Instant> sendAt) {
            sendAt.forEach((k, at) -> {
                if (!digests.containsKey(k)) {
                    digests.put(k, new DigestGrouping.Found(UUID.randomUUID(), DeliveryStatus.PENDING));
                    made.put(k, at);
                }
            });
            locked.add(new ArrayList<>(sendAt.keySet()));
            Map<DigestGrouping.Key, DigestGrouping.Found> found = new HashMap<>();
            sendAt.keySet().forEach(k -> found.put(k, digests.get(k)));
            return found;
        }

        @Override
        public void reopen(List<UUID> ids) {
            reopened.addAll(ids);
        }
    }

    static DigestGrouping.Key key(String recipient, LocalDate day) {
        return new DigestGrouping.Key(recipient, day);
    }

    @Test
    void aRecipientsEmailsOfOneDayJoinThatDaysDigestMadeIfMissing() throws Exception {
        Memory store = new Memory();
        DigestGrouping.Found open = store.put("a@x.test", DAY, DeliveryStatus.PENDING);
        Map<DigestGrouping.Key, UUID> joined = DigestGrouping.assign(List.of(key("a@x.test", DAY), key("b@x.test", DAY)),
                (original, tried) -> NOW.plusSeconds(60), store);
        assertThat(joined.get(key("a@x.test", DAY))).isEqualTo(open.id());
        assertThat(joined.get(key("b@x.test", DAY))).isEqualTo(store.digests.get(key("b@x.test", DAY)).id());
        assertThat(store.made).containsOnlyKeys(key("b@x.test", DAY)).containsValue(NOW.plusSeconds(60));
        assertThat(store.reopened).isEmpty();
    }

    @Test
    void aDigestBeingSentSentOrDeadMovesTheEmailToTheNextDayAndACancelledOneIsReopened() throws Exception {
        Memory store = new Memory();
        store.put("sent@x.test", DAY, DeliveryStatus.SENT);
        store.put("sending@x.test", DAY, DeliveryStatus.SENDING);
        store.put("dead@x.test", DAY, DeliveryStatus.DEAD);
        store.put("dead@x.test", DAY.plusDays(1), DeliveryStatus.SENT);
        DigestGrouping.Found cancelled = store.put("cancelled@x.test", DAY, DeliveryStatus.CANCELLED);
        DigestGrouping.Found failed = store.put("failed@x.test", DAY, DeliveryStatus.FAILED);
        List<DigestGrouping.Key> keys = List.of(key("sent@x.test", DAY), key("sending@x.test", DAY), key("dead@x.test", DAY),
                key("cancelled@x.test", DAY), key("failed@x.test", DAY));
        List<DigestGrouping.Key[]> asked = new ArrayList<>();
        Map<DigestGrouping.Key, UUID> joined = DigestGrouping.assign(keys, (original, tried) -> {
            asked.add(new DigestGrouping.Key[]{original, tried});
            return NOW;
        }, store);

        assertThat(joined.get(key("sent@x.test", DAY))).isEqualTo(store.digests.get(key("sent@x.test", DAY.plusDays(1))).id());
        assertThat(joined.get(key("sending@x.test", DAY))).isEqualTo(store.digests.get(key("sending@x.test", DAY.plusDays(1))).id());
        assertThat(joined.get(key("dead@x.test", DAY))).as("two days on").isEqualTo(store.digests.get(key("dead@x.test", DAY.plusDays(2))).id());
        assertThat(joined.get(key("cancelled@x.test", DAY))).isEqualTo(cancelled.id());
        assertThat(joined.get(key("failed@x.test", DAY))).as("a failed digest is retried with the new reminder in it").isEqualTo(failed.id());
        assertThat(store.reopened).containsExactly(cancelled.id());
        // the send time of a moved digest is asked with the day the email wanted (whose zone and hour it keeps)
        assertThat(asked).anySatisfy(a -> {
            assertThat(a[0]).isEqualTo(key("dead@x.test", DAY));
            assertThat(a[1]).isEqualTo(key("dead@x.test", DAY.plusDays(2)));
        });
    }

    @Test
    void digestsAreLockedInOneOrderAndAnEmailMovesAtMostEightDays() throws Exception {
        Memory store = new Memory();
        for (int i = 0; i < 20; i++) {
            store.put("busy@x.test", DAY.plusDays(i), DeliveryStatus.SENT);
        }
        Map<DigestGrouping.Key, UUID> joined = DigestGrouping.assign(List.of(key("z@x.test", DAY), key("busy@x.test", DAY),
                key("a@x.test", DAY.plusDays(1)), key("a@x.test", DAY)), (o, t) -> NOW, store);
        assertThat(store.locked.get(0)).containsExactly(key("a@x.test", DAY), key("a@x.test", DAY.plusDays(1)), key("busy@x.test", DAY),
                key("z@x.test", DAY));
        assertThat(store.locked).allSatisfy(round -> assertThat(round).isSorted());
        assertThat(store.locked).hasSize(DigestGrouping.MAX_DAYS);
        assertThat(joined).as("every day sent: left for the next pass").doesNotContainKey(key("busy@x.test", DAY))
                .containsKeys(key("z@x.test", DAY), key("a@x.test", DAY), key("a@x.test", DAY.plusDays(1)));
    }
}

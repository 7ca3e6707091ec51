package dev.taos.host.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What one side remembers of the entries it read, and when the stamps may be used. */
class StampsTest {

    private static final String SHA = "ab".repeat(32);

    @Test
    void anEntryIsKnownOnlyWithTheStampsItWasReadWith() {
        StampTable table = new StampTable(new AtomicLong(10));
        assertTrue(table.put(2049, 77, 1_000_000_123L, 5, SHA, Map.of("user.note", "6869")));
        assertEquals(
                Optional.of(new StampTable.Known(SHA, Map.of("user.note", "6869"))),
                table.get(2049, 77, 1_000_000_123L, 5));
        assertEquals(Optional.empty(), table.get(2049, 77, 1_000_000_124L, 5), "a ctime that moved by a nanosecond");
        assertEquals(Optional.empty(), table.get(2049, 77, 1_000_000_123L, 6), "another size");
        assertEquals(Optional.empty(), table.get(2050, 77, 1_000_000_123L, 5), "the same inode number elsewhere");
        assertTrue(table.put(2049, 78, 5, 0, null, Map.of()));
        assertEquals(Optional.of(new StampTable.Known(null, Map.of())), table.get(2049, 78, 5, 0), "a directory");
    }

    @Test
    void aTableGrowsAndKeepsEveryEntryUntilTheSharedBudgetIsSpent() {
        AtomicLong budget = new AtomicLong(5000);
        StampTable original = new StampTable(budget);
        StampTable copy = new StampTable(budget);
        for (long ino = 1; ino <= 3000; ino++) {
            assertTrue(original.put(1, ino, ino, ino, SHA, Map.of()));
        }
        int held = 0;
        for (long ino = 1; ino <= 3000; ino++) {
            held += copy.put(9, ino, ino, ino, null, Map.of()) ? 1 : 0;
        }
        assertEquals(2000, held, "the rest of the budget");
        assertEquals(3000, original.size());
        for (long ino = 1; ino <= 3000; ino++) {
            assertEquals(SHA, original.get(1, ino, ino, ino).orElseThrow().sha256());
        }
        assertEquals(0, budget.get());
    }

    @Test
    void theBudgetFitsEveryLaneInAQuarterOfTheHeap() {
        assertEquals(512L * 1024 * 1024 / 4 / 2 / StampTable.BYTES_PER_ENTRY, Stamps.budget(512L * 1024 * 1024, 2));
    }

    @Test
    void aClockSetBackIsSeenAndOneThatRanOnIsNot() {
        long[] monotonic = {1_000};
        Instant[] wall = {Instant.parse("2026-12-07T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return wall[0];
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        ClockWatch watch = new ClockWatch(clock, () -> monotonic[0]);
        monotonic[0] += Duration.ofSeconds(60).toNanos();
        wall[0] = wall[0].plusSeconds(60);
        assertEquals(Duration.ZERO, watch.setBack());
        wall[0] = wall[0].minusSeconds(3);
        assertEquals(Duration.ofSeconds(3), watch.setBack());
    }

    @Test
    void onlyFilesystemsThatMoveTheCtimeAtAMappedStoreAreTrusted() {
        assertFalse(Stamps.untrusted("ext4").isPresent());
        assertFalse(Stamps.untrusted("btrfs").isPresent());
        assertFalse(Stamps.untrusted("overlay").isPresent());
        assertEquals(
                "its filesystem (tmpfs) is not known to move a file's ctime at a store through a shared mapping",
                Stamps.untrusted("tmpfs").orElseThrow());
        assertTrue(Stamps.untrusted("zfs").isPresent());
    }
}

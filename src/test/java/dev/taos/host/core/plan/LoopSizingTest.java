package dev.taos.host.core.plan;

import static dev.taos.host.core.ByteSize.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.core.ByteSize;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoopSizingTest {

    private static long chosen(long totalGiB, long freeGiB) {
        var result = LoopSizing.decide(totalGiB * GIB, freeGiB * GIB, Optional.empty());
        return assertInstanceOf(LoopSizing.Result.Fits.class, result).sizing().chosen() / GIB;
    }

    @Test
    void defaultIsAQuarterOfTheFilesystemCappedAt50GiB() {
        assertEquals(25, chosen(100, 90));
        assertEquals(50, chosen(1000, 900));
        assertEquals(5, chosen(20, 20));
    }

    @Test
    void tenPercentOfTheFilesystemStaysFree() {
        assertEquals(15, chosen(100, 25));
        assertEquals(5, chosen(100, 15));
    }

    @Test
    void belowFiveGiBIsRefusedWithTheNumbers() {
        var result = assertInstanceOf(
                LoopSizing.Result.DoesNotFit.class, LoopSizing.decide(100 * GIB, 14 * GIB, Optional.empty()));
        assertEquals(
                "no loop file of at least 5.0 GiB fits: the filesystem has 14.0 GiB of 100.0 GiB free and keeps a "
                        + "reserve of 10% (10.0 GiB),"
                        + " which leaves room for 4.0 GiB",
                result.problem());
        assertInstanceOf(LoopSizing.Result.DoesNotFit.class, LoopSizing.decide(16 * GIB, 16 * GIB, Optional.empty()));
    }

    @Test
    void requestedSizeIsHonouredWithinTheSameBounds() {
        var fits = assertInstanceOf(
                LoopSizing.Result.Fits.class, LoopSizing.decide(100 * GIB, 90 * GIB, Optional.of(ByteSize.ofGiB(70))));
        assertEquals(70 * GIB, fits.sizing().chosen());
        assertTrue(fits.sizing().explanation().startsWith("size 70.0 GiB as requested"));
        assertInstanceOf(
                LoopSizing.Result.DoesNotFit.class,
                LoopSizing.decide(100 * GIB, 90 * GIB, Optional.of(ByteSize.ofGiB(81))));
        assertInstanceOf(
                LoopSizing.Result.TooSmall.class,
                LoopSizing.decide(100 * GIB, 90 * GIB, Optional.of(ByteSize.parse("4GiB"))));
    }

    @Test
    void aSizeForAFilesystemNotKnownIsHeldToTheSameMinimum() {
        var small = assertInstanceOf(
                LoopSizing.Result.TooSmall.class, LoopSizing.requestedWithoutSpace(ByteSize.parse("4GiB")));
        assertEquals(
                ((LoopSizing.Result.TooSmall)
                                LoopSizing.decide(100 * GIB, 90 * GIB, Optional.of(ByteSize.parse("4GiB"))))
                        .problem(),
                small.problem());
        var fits = assertInstanceOf(LoopSizing.Result.Fits.class, LoopSizing.requestedWithoutSpace(ByteSize.ofGiB(20)));
        assertEquals(20 * GIB, fits.sizing().chosen());
        assertTrue(fits.sizing().explanation().endsWith("as requested; the free space there is not known"));
    }

    @Test
    void ruleIsMonotonicInSizeAndFreeSpace() {
        long previous = 0;
        for (long total = 16; total <= 2048; total += 7) {
            var result = LoopSizing.decide(total * GIB, total * GIB * 8 / 10, Optional.empty());
            long now = result instanceof LoopSizing.Result.Fits f ? f.sizing().chosen() : 0;
            assertTrue(now >= previous, "size dropped at a filesystem of " + total + " GiB");
            previous = now;
        }
        long byFree = 0;
        for (long free = 0; free <= 200; free++) {
            var result = LoopSizing.decide(200 * GIB, free * GIB, Optional.empty());
            long now = result instanceof LoopSizing.Result.Fits f ? f.sizing().chosen() : 0;
            assertTrue(now >= byFree, "size dropped at " + free + " GiB free");
            byFree = now;
        }
    }
}

package dev.taos.host.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.units.UnitSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoolWatchTest {

    private static final long GIB = ByteSize.GIB;

    private static StoragePool loopPool(long sizeGiB, long usedGiB) {
        return new StoragePool(
                "default",
                "btrfs",
                "/var/lib/incus/disks/default.img",
                true,
                "Created",
                sizeGiB * GIB,
                sizeGiB * GIB,
                usedGiB * GIB,
                List.of(),
                List.of());
    }

    private static UnitSettings.PoolWatch rule(boolean grow) {
        return new UnitSettings.PoolWatch(80, grow, ByteSize.ofGiB(5), 10);
    }

    @Test
    void underTheThresholdIsFine() {
        assertInstanceOf(
                PoolWatch.Verdict.Fine.class,
                PoolWatch.decide(loopPool(50, 39), Optional.empty(), rule(true), 250 * GIB, 100 * GIB));
    }

    @Test
    void overTheThresholdWarnsWhenGrowingIsOff() {
        var verdict = PoolWatch.decide(loopPool(50, 45), Optional.empty(), rule(false), 250 * GIB, 100 * GIB);
        assertEquals(
                "pool \"default\" is 90% full (45.0 GiB of 50.0 GiB), over 80%: free space in it, or grow it with "
                        + "incus storage set default"
                        + " size=BIGGER (or set TAOS_POOL_AUTOGROW=1)",
                verdict.message());
    }

    @Test
    void growsByOneStepWhenTheHostKeepsItsReserve() {
        var verdict = (PoolWatch.Verdict.Grow)
                PoolWatch.decide(loopPool(50, 45), Optional.empty(), rule(true), 250 * GIB, 100 * GIB);
        assertEquals(ByteSize.ofGiB(55), verdict.newSize());
    }

    @Test
    void doesNotGrowIntoTheHostsReserve() {
        // 10% of 250 GiB is 25 GiB; 28 GiB free minus a 5 GiB step would leave 23 GiB.
        var verdict = PoolWatch.decide(loopPool(50, 45), Optional.empty(), rule(true), 250 * GIB, 28 * GIB);
        assertInstanceOf(PoolWatch.Verdict.Warn.class, verdict);
        assertEquals(
                true,
                verdict.message().contains("not grown: 5.0 GiB more would leave the host less than its 10% reserve"),
                verdict.message());
    }
}

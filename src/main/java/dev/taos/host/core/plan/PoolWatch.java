package dev.taos.host.core.plan;

import static dev.taos.host.core.ByteSize.human;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.units.UnitSettings;
import java.util.Optional;

/** The hourly pool check's decision: fine, warn, or grow the loop file by one step while the host keeps its reserve. */
public final class PoolWatch {

    public sealed interface Verdict {
        String message();

        record Fine(String message) implements Verdict {}

        record Warn(String message) implements Verdict {}

        /** {@code command} grows the pool (this member's own loop file on a cluster). */
        record Grow(ByteSize newSize, String message, Command command) implements Verdict {}
    }

    private PoolWatch() {}

    /**
     * {@code hostTotal}/{@code hostFree} describe the filesystem holding the loop file; {@code member} is this cluster
     * member, whose own file is watched, when the host is one.
     */
    public static Verdict decide(
            StoragePool pool, Optional<String> member, UnitSettings.PoolWatch rule, long hostTotal, long hostFree) {
        if (pool.totalBytes() <= 0) {
            return new Verdict.Fine("pool \"" + pool.name() + "\": Incus reports no size; nothing to check");
        }
        long percent = pool.usedBytes() * 100 / pool.totalBytes();
        String usage = "pool \"" + pool.name() + "\" is " + percent + "% full (" + human(pool.usedBytes()) + " of "
                + human(pool.totalBytes()) + ")";
        if (percent < rule.warnPercent()) {
            return new Verdict.Fine(usage);
        }
        if (!pool.loopBacked() || !rule.autoGrow()) {
            return new Verdict.Warn(usage + ", over " + rule.warnPercent()
                    + "%: free space in it, or grow it with incus storage set " + pool.name() + " size=BIGGER"
                    + (pool.loopBacked() ? " (or set TAOS_POOL_AUTOGROW=1)" : ""));
        }
        long step = rule.growStep().bytes();
        long reserve = hostTotal * rule.reservePercent() / 100;
        // The loop file is sparse: growing claims up to `step` more of the host filesystem as the pool fills.
        if (hostFree - step < reserve) {
            return new Verdict.Warn(usage + "; not grown: " + human(step) + " more would leave the host less than its "
                    + rule.reservePercent() + "% reserve (" + human(hostFree) + " free). Free space on the host.");
        }
        ByteSize newSize = new ByteSize(pool.configuredSize() + step);
        return new Verdict.Grow(
                newSize,
                usage + "; growing it by " + human(step) + " to " + human(newSize.bytes()),
                Incus.growPool(pool.name(), newSize.incusValue(), member));
    }
}

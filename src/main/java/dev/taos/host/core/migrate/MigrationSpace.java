package dev.taos.host.core.migrate;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import java.util.List;
import java.util.Optional;

/** Whether the selected instances fit the target pool and the disk under its loop file, with a reserve. */
final class MigrationSpace {

    static final long MIN_RESERVE = 256L << 20;

    private MigrationSpace() {}

    /**
     * A refusal when the instances, with snapshots and a reserve, do not fit the pool or the disk under its loop file.
     */
    static Optional<Refusal> refusal(HostFacts facts, StoragePool target, List<Preflight.Candidate> candidates) {
        long needed = candidates.stream().mapToLong(Preflight.Candidate::bytes).sum();
        if (needed == 0) {
            return Optional.empty();
        }
        long withReserve = needed + Math.max(MIN_RESERVE, needed / 10);
        String what = "the selected instances need " + ByteSize.human(needed) + " with their snapshots, "
                + ByteSize.human(withReserve) + " with a reserve";
        if (target.totalBytes() > 0) {
            long poolFree = target.totalBytes() - Math.max(0, target.usedBytes());
            if (poolFree < withReserve) {
                return Optional.of(Preflight.refusal(
                        Reason.UNSUPPORTED_HOST,
                        what + ", but pool \"" + target.name() + "\" has " + ByteSize.human(poolFree) + " free",
                        target.loopBacked()
                                ? "grow the pool: incus storage set " + target.name() + " size="
                                        + ByteSize.human(target.totalBytes() + withReserve - poolFree)
                                                .replace(" ", "")
                                : "free space on pool \"" + target.name() + "\"",
                        "or migrate fewer instances at a time"));
            }
        }
        var home = facts.storage().incusHome();
        if (target.loopBacked() && home.freeBytes() < withReserve) {
            return Optional.of(Preflight.refusal(
                    Reason.UNSUPPORTED_HOST,
                    what + ", but the disk under pool \"" + target.name() + "\"'s loop file (" + home.mountPoint()
                            + ") has " + ByteSize.human(home.freeBytes())
                            + " free; the loop file is sparse and fills as data arrives",
                    "free space on " + home.mountPoint(),
                    "or migrate fewer instances at a time"));
        }
        return Optional.empty();
    }
}

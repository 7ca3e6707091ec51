package dev.taos.host.core.plan;

import static dev.taos.host.core.ByteSize.GIB;
import static dev.taos.host.core.ByteSize.human;

import dev.taos.host.core.ByteSize;
import java.util.Locale;
import java.util.Optional;

/**
 * The loop file size rule, monotonic in the filesystem's size and free space (unlike Incus's own): default
 * {@code min(50 GiB, 25% of the filesystem)}, never leaving less than 10% of the filesystem free once the sparse file
 * is full, never below 5 GiB. An explicit size is honoured only within the same two bounds.
 */
public record LoopSizing(long filesystemTotal, long filesystemFree, long requested, long chosen, String explanation) {

    public static final long CEILING = 50 * GIB;
    public static final long FLOOR = 5 * GIB;
    static final int SHARE_PERCENT = 25;
    static final int RESERVE_PERCENT = 10;

    /** Chooses a size, or says why none fits (the message quotes the numbers). */
    public static Result decide(long total, long free, Optional<ByteSize> requested) {
        long reserve = ceilPercent(total, RESERVE_PERCENT);
        long room = Math.max(0, free - reserve);
        String numbers = String.format(
                Locale.ROOT,
                "the filesystem has %s of %s free and keeps a reserve of %d%% (%s)",
                human(free),
                human(total),
                RESERVE_PERCENT,
                human(reserve));
        if (requested.isPresent()) {
            long asked = requested.get().bytes();
            if (asked < FLOOR) {
                return tooSmall(asked);
            }
            if (asked > room) {
                return new Result.DoesNotFit("a loop file of " + human(asked) + " does not fit: " + numbers
                        + ", which leaves room for at most " + human(room));
            }
            return new Result.Fits(
                    new LoopSizing(total, free, asked, asked, "size " + human(asked) + " as requested; " + numbers));
        }
        long share = Math.min(CEILING, total * SHARE_PERCENT / 100);
        long chosen = Math.min(share, room) / GIB * GIB;
        if (chosen < FLOOR) {
            return new Result.DoesNotFit("no loop file of at least " + human(FLOOR) + " fits: " + numbers
                    + ", which leaves room for " + human(room));
        }
        String why = chosen == share / GIB * GIB
                ? "min(50 GiB, 25% of " + human(total) + ")"
                : "capped by free space so " + RESERVE_PERCENT + "% of the filesystem stays free";
        return new Result.Fits(
                new LoopSizing(total, free, 0, chosen, "size " + human(chosen) + " = " + why + "; " + numbers));
    }

    /**
     * The operator's size for a filesystem whose space is not known (another cluster member's): only the minimum is
     * checked.
     */
    public static Result requestedWithoutSpace(ByteSize requested) {
        long asked = requested.bytes();
        return asked < FLOOR
                ? tooSmall(asked)
                : new Result.Fits(new LoopSizing(
                        -1,
                        -1,
                        asked,
                        asked,
                        "size " + human(asked) + " as requested; the free space there is not known"));
    }

    private static Result tooSmall(long asked) {
        return new Result.TooSmall("a pool of " + human(asked) + " is below the minimum of " + human(FLOOR));
    }

    private static long ceilPercent(long value, int percent) {
        return (value * percent + 99) / 100;
    }

    public sealed interface Result {
        record Fits(LoopSizing sizing) implements Result {}

        /** The operator asked for less than the floor: their input is wrong. */
        record TooSmall(String problem) implements Result {}

        /** The host has no room: a limit of the host. */
        record DoesNotFit(String problem) implements Result {}
    }
}

package dev.taos.host.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The wall clock (which stamps ctimes) beside the monotonic one, from a moment on: if the wall clock was set back
 * meanwhile (NTP stepping it, an operator's {@code date -s}), a file changed after that moment could carry a ctime from
 * before it, and the stamps taken then prove nothing. Both clocks run at the same rate (NTP slews both), so only a step
 * makes them part.
 */
final class ClockWatch {

    /** What reading the two clocks one after the other may differ by, with no step between. */
    static final Duration TOLERANCE = Duration.ofMillis(100);

    private final Clock wall;
    private final LongSupplier monotonic;
    private final Instant wallAtStart;
    private final long monotonicAtStart;

    ClockWatch(Clock wall, LongSupplier monotonicNanos) {
        this.wall = wall;
        this.monotonic = monotonicNanos;
        this.wallAtStart = wall.instant();
        this.monotonicAtStart = monotonicNanos.getAsLong();
    }

    /** When the watch began, by the wall clock. */
    Instant started() {
        return wallAtStart;
    }

    /**
     * How far the wall clock was set back since the start, if it was (by more than reading both clocks can explain).
     */
    Duration setBack() {
        Duration wallRan = Duration.between(wallAtStart, wall.instant());
        Duration monotonicRan = Duration.ofNanos(monotonic.getAsLong() - monotonicAtStart);
        Duration lost = monotonicRan.minus(wallRan);
        return lost.compareTo(TOLERANCE) > 0 ? lost : Duration.ZERO;
    }
}

package dev.taos.host.core.bench;

import java.time.Duration;
import java.util.List;

/** One pool's launch times: the warm-up apart, then the measured runs and their median. */
public record LaunchTimes(String pool, String driver, Duration warmUp, List<Duration> runs) {

    public LaunchTimes {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no measured runs for pool " + pool);
        }
    }

    public Duration median() {
        List<Duration> sorted = runs.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1
                ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    /** How many times faster {@code this} launches than {@code slower}, by medians. */
    public double speedUpOver(LaunchTimes slower) {
        return (double) slower.median().toNanos() / Math.max(1, median().toNanos());
    }
}

package dev.taos.host.cli;

import dev.taos.host.core.bench.LaunchTimes;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/** bench's result as text: one line per pool, then the speed-up by medians. */
final class BenchReport {

    private BenchReport() {
    }

    static String render(LaunchTimes dir, LaunchTimes cow, double speedUp, int runs) {
        StringBuilder text = new StringBuilder("\n");
        text.append(line(dir)).append(line(cow));
        text.append(String.format(Locale.ROOT, "%nLaunching on \"%s\" (%s) is %.1fx as fast as on dir (median of %d launches each).%n",
                cow.pool(), cow.driver(), speedUp, runs));
        return text.toString();
    }

    private static String line(LaunchTimes times) {
        String runs = times.runs().stream().map(BenchReport::seconds).collect(Collectors.joining(" "));
        return String.format(Locale.ROOT, "  %-20s %-6s median %6s s   warm-up %6s s   runs %s%n",
                times.pool(), times.driver(), seconds(times.median()), seconds(times.warmUp()), runs);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toNanos() / 1e9);
    }
}

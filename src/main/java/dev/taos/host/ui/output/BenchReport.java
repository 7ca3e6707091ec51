package dev.taos.host.ui.output;

import dev.taos.host.apply.BenchSession;
import dev.taos.host.core.bench.LaunchTimes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** bench's result: as text, one line per pool and the speed-up by medians; or as the --json document. */
public final class BenchReport {

    /** The --json result. */
    public record Result(int schemaVersion, String image, int runs, List<PoolResult> pools, double speedUp) {}

    public record PoolResult(String pool, String driver, long warmUpMillis, List<Long> runMillis, long medianMillis) {
        static PoolResult of(LaunchTimes times) {
            return new PoolResult(
                    times.pool(),
                    times.driver(),
                    times.warmUp().toMillis(),
                    times.runs().stream().map(Duration::toMillis).toList(),
                    times.median().toMillis());
        }
    }

    private BenchReport() {}

    public static Result json(BenchSession.Measured measured) {
        return new Result(
                1,
                measured.bench().image(),
                measured.bench().runs(),
                List.of(PoolResult.of(measured.dir()), PoolResult.of(measured.target())),
                Math.round(speedUp(measured) * 10) / 10.0);
    }

    public static String render(BenchSession.Measured measured) {
        LaunchTimes cow = measured.target();
        StringBuilder text = new StringBuilder("\n");
        text.append(line(measured.dir())).append(line(cow));
        text.append(String.format(
                Locale.ROOT,
                "%nLaunching on \"%s\" (%s) is %.1fx as fast as on dir (median of %d launches each).%n",
                cow.pool(),
                cow.driver(),
                speedUp(measured),
                measured.bench().runs()));
        return text.toString();
    }

    private static double speedUp(BenchSession.Measured measured) {
        return measured.target().speedUpOver(measured.dir());
    }

    private static String line(LaunchTimes times) {
        String runs = times.runs().stream().map(BenchReport::seconds).collect(Collectors.joining(" "));
        return String.format(
                Locale.ROOT,
                "  %-20s %-6s median %6s s   warm-up %6s s   runs %s%n",
                times.pool(),
                times.driver(),
                seconds(times.median()),
                seconds(times.warmUp()),
                runs);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toNanos() / 1e9);
    }
}

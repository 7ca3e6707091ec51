package dev.taos.host.app;

import dev.taos.host.core.bench.LaunchBench;
import dev.taos.host.core.bench.LaunchTimes;
import dev.taos.host.exec.CommandRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * bench: the same image launched on a temporary dir pool and on the copy-on-write pool, alternately, after a warm-up on
 * each; everything it creates is deleted again, also when a launch fails or the run is interrupted.
 */
public final class BenchFlow {

    private static final Duration LAUNCH_TIMEOUT = Duration.ofMinutes(10);

    /** Both pools' times: the temporary dir pool and the one it is compared with. */
    public record Measured(LaunchBench bench, LaunchTimes dir, LaunchTimes target) {}

    private final Host host;
    private final PrintStream progress;
    private final PrintStream err;

    /** {@code progress} takes a line per launch (stderr when stdout carries JSON). */
    public BenchFlow(Host host, PrintStream progress, PrintStream err) {
        this.host = host;
        this.progress = progress;
        this.err = err;
    }

    /** Measures, then hands the figures to {@code report}, whose exit code is the run's. */
    public int run(Optional<String> image, int runs, Optional<String> pool, ToIntFunction<Measured> report) {
        var decision = LaunchBench.decide(host.probe().incus(), image, runs, pool);
        if (decision instanceof LaunchBench.Decision.Refused refused) {
            err.println("Failed to start bench: " + refused.problem() + ". To go on: " + refused.remedy()
                    + ". Nothing has been changed.");
            return (refused.invalidInput() ? ExitCode.INVALID_INPUT : ExitCode.UNSUPPORTED_HOST).code();
        }
        var run = (LaunchBench.Decision.Run) decision;
        return HostLock.holding(host, "bench", err, () -> {
            run.notes().forEach(progress::println);
            return new Session(host, run.bench(), progress, err)
                    .measure()
                    .map(report::applyAsInt)
                    .orElse(ExitCode.STEP_FAILED.code());
        });
    }

    /**
     * One measuring session: everything it creates is deleted again, also when a launch fails or the run is
     * interrupted.
     */
    private static final class Session {
        private final Host host;
        private final CommandRunner runner;
        private final LaunchBench bench;
        private final PrintStream progress;
        private final PrintStream err;
        private final Set<String> created = new LinkedHashSet<>();
        private boolean poolCreated;

        Session(Host host, LaunchBench bench, PrintStream progress, PrintStream err) {
            this.host = host;
            this.runner = host.runner();
            this.bench = bench;
            this.progress = progress;
            this.err = err;
        }

        Optional<Measured> measure() {
            Thread cleanupOnInterrupt = new Thread(this::cleanUp, "taos-bench-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanupOnInterrupt);
            try {
                return launches();
            } finally {
                cleanUp();
                Runtime.getRuntime().removeShutdownHook(cleanupOnInterrupt);
            }
        }

        private Optional<Measured> launches() {
            if (!ok(bench.createDirPool(), "create the temporary pool " + bench.dirPool())) {
                return Optional.empty();
            }
            poolCreated = true;
            Map<String, Duration> warmUps = new LinkedHashMap<>();
            Map<String, List<Duration>> measured = new LinkedHashMap<>();
            for (int round = 0; round <= bench.runs(); round++) {
                for (String pool : bench.pools()) {
                    Optional<Duration> took = launchOnce(pool, round);
                    if (took.isEmpty()) {
                        return Optional.empty();
                    }
                    if (round == 0) {
                        warmUps.put(pool, took.get());
                    } else {
                        measured.computeIfAbsent(pool, p -> new ArrayList<>()).add(took.get());
                    }
                }
            }
            String dir = bench.dirPool();
            String target = bench.targetPool();
            return Optional.of(new Measured(
                    bench,
                    new LaunchTimes(dir, "dir", warmUps.get(dir), measured.get(dir)),
                    new LaunchTimes(target, bench.targetDriver(), warmUps.get(target), measured.get(target))));
        }

        private Optional<Duration> launchOnce(String pool, int round) {
            String name = bench.instanceName(pool, round);
            created.add(name);
            long start = host.time().nanoTime();
            boolean launched = ok(bench.launch(pool, name), "launch " + bench.image() + " on pool " + pool);
            Duration took = Duration.ofNanos(host.time().nanoTime() - start);
            if (!launched) {
                return Optional.empty();
            }
            progress.printf(
                    Locale.ROOT,
                    "  %-8s on %-20s %7.2f s%n",
                    round == 0 ? "warm-up" : "run " + round,
                    pool,
                    took.toMillis() / 1000.0);
            if (ok(bench.delete(name), "delete " + name)) {
                created.remove(name);
            }
            return Optional.of(took);
        }

        private boolean ok(List<String> argv, String what) {
            CommandRunner.Result result = runner.run(argv, LAUNCH_TIMEOUT);
            if (!result.ok()) {
                err.println("Failed to " + what + ": `" + String.join(" ", argv) + "`: " + result.tail());
            }
            return result.ok();
        }

        private synchronized void cleanUp() {
            for (String name : List.copyOf(created)) {
                if (runner.run(bench.delete(name), LAUNCH_TIMEOUT).ok()) {
                    created.remove(name);
                } else {
                    err.println("Failed to delete bench instance " + name + ". Delete it with: incus delete --force "
                            + name);
                }
            }
            if (poolCreated) {
                poolCreated = false;
                if (!runner.run(bench.deleteDirPool(), LAUNCH_TIMEOUT).ok()) {
                    err.println("Failed to delete the temporary pool " + bench.dirPool()
                            + ". Delete it with: incus storage delete " + bench.dirPool());
                }
            }
        }
    }
}

package dev.taos.host.cli;

import dev.taos.host.ExitCode;
import dev.taos.host.apply.RunLock;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(mixinStandardHelpOptions = true, name = "bench", description = {
    "Measure agent launches: the same image launched on a temporary dir pool and on the copy-on-write pool, alternately.",
    "Prints each pool's median launch time and the speed-up; deletes every instance and the temporary pool it made."})
final class BenchCommand implements Callable<Integer> {

    private static final Duration LAUNCH_TIMEOUT = Duration.ofMinutes(10);

    @ParentCommand
    TaosHostCommand parent;

    @Option(names = "--image", paramLabel = "ALIAS", description = "Image to launch (default: " + LaunchBench.DEFAULT_IMAGE + ").")
    String image;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Measured launches per pool, after one warm-up each (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--pool", paramLabel = "NAME", description = "Pool to compare with dir (default: the default profile's root pool).")
    String pool;

    @Option(names = "--json", description = "Print the result as JSON (schema in README.md).")
    boolean json;

    /** The --json result. */
    record Result(int schemaVersion, String image, int runs, List<PoolResult> pools, double speedUp) {
    }

    record PoolResult(String pool, String driver, long warmUpMillis, List<Long> runMillis, long medianMillis) {
        static PoolResult of(LaunchTimes times) {
            return new PoolResult(times.pool(), times.driver(), times.warmUp().toMillis(),
                    times.runs().stream().map(Duration::toMillis).toList(), times.median().toMillis());
        }
    }

    @Override
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    public Integer call() {
        HostEnvironment env = parent.environment();
        PrintStream err = parent.err();
        var decision = LaunchBench.decide(env.probe(null).incus(), Optional.ofNullable(image), runs, Optional.ofNullable(pool));
        if (decision instanceof LaunchBench.Decision.Refused refused) {
            err.println("Failed to start bench: " + refused.problem() + ". To go on: " + refused.remedy() + ". Nothing has been changed.");
            return (refused.invalidInput() ? ExitCode.INVALID_INPUT : ExitCode.UNSUPPORTED_HOST).code();
        }
        var run = (LaunchBench.Decision.Run) decision;
        Optional<RunLock> lock = HostLock.acquire(env, "bench", err);
        if (lock.isEmpty()) {
            return ExitCode.LOCKED.code();
        }
        try (RunLock held = lock.get()) {
            PrintStream progress = json ? err : parent.out();
            run.notes().forEach(progress::println);
            return new Session(env, run.bench(), progress, err).measure().map(m -> report(run.bench(), m)).orElse(ExitCode.STEP_FAILED.code());
        }
    }

    /** Both pools' times: the temporary dir pool and the one it is compared with. */
    private record Measured(LaunchTimes dir, LaunchTimes target) {
    }

    private int report(LaunchBench bench, Measured measured) {
        double speedUp = measured.target().speedUpOver(measured.dir());
        if (json) {
            parent.out().println(Json.write(new Result(1, bench.image(), bench.runs(),
                    List.of(PoolResult.of(measured.dir()), PoolResult.of(measured.target())), Math.round(speedUp * 10) / 10.0)));
        } else {
            parent.out().print(BenchReport.render(measured.dir(), measured.target(), speedUp, bench.runs()));
        }
        return ExitCode.OK.code();
    }

    /** One measuring session: everything it creates is deleted again, also when a launch fails or the run is interrupted. */
    private static final class Session {
        private final HostEnvironment env;
        private final CommandRunner runner;
        private final LaunchBench bench;
        private final PrintStream progress;
        private final PrintStream err;
        private final Set<String> created = new LinkedHashSet<>();
        private boolean poolCreated;

        Session(HostEnvironment env, LaunchBench bench, PrintStream progress, PrintStream err) {
            this.env = env;
            this.runner = env.runner();
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
            return Optional.of(new Measured(new LaunchTimes(dir, "dir", warmUps.get(dir), measured.get(dir)),
                    new LaunchTimes(target, bench.targetDriver(), warmUps.get(target), measured.get(target))));
        }

        private Optional<Duration> launchOnce(String pool, int round) {
            String name = bench.instanceName(pool, round);
            created.add(name);
            long start = env.nanoTime();
            boolean launched = ok(bench.launch(pool, name), "launch " + bench.image() + " on pool " + pool);
            Duration took = Duration.ofNanos(env.nanoTime() - start);
            if (!launched) {
                return Optional.empty();
            }
            progress.printf(Locale.ROOT, "  %-8s on %-20s %7.2f s%n", round == 0 ? "warm-up" : "run " + round, pool, took.toMillis() / 1000.0);
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
                    err.println("Failed to delete bench instance " + name + ". Delete it with: incus delete --force " + name);
                }
            }
            if (poolCreated) {
                poolCreated = false;
                if (!runner.run(bench.deleteDirPool(), LAUNCH_TIMEOUT).ok()) {
                    err.println("Failed to delete the temporary pool " + bench.dirPool() + ". Delete it with: incus storage delete " + bench.dirPool());
                }
            }
        }
    }
}

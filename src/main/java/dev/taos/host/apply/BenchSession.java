package dev.taos.host.apply;

import dev.taos.host.core.bench.LaunchBench;
import dev.taos.host.core.bench.LaunchTimes;
import dev.taos.host.core.command.Command;
import dev.taos.host.exec.CommandFailed;
import dev.taos.host.exec.Runner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One measuring session of bench: the same image launched on a temporary dir pool and on the copy-on-write pool,
 * alternately, after a warm-up on each. Everything it creates is deleted again, also when a launch fails or the run is
 * interrupted.
 */
public final class BenchSession {

    /** Both pools' times: the temporary dir pool and the one it is compared with. */
    public record Measured(LaunchBench bench, LaunchTimes dir, LaunchTimes target) {}

    /** What the session reports as it goes. */
    public interface Events {
        /** Launch {@code round} (0: the warm-up) on {@code pool} took {@code took}. */
        void launched(int round, String pool, Duration took);

        void failed(String what, Command command, String cause);

        void notDeleted(String instance);

        void poolNotDeleted(String pool);
    }

    private final Runner runner;
    private final LongSupplier nanoTime;
    private final LaunchBench bench;
    private final Events events;
    private final Set<String> created = new LinkedHashSet<>();
    private boolean poolCreated;

    /** {@code nanoTime}: the clock launches are timed by. */
    public BenchSession(Runner runner, LongSupplier nanoTime, LaunchBench bench, Events events) {
        this.runner = runner;
        this.nanoTime = nanoTime;
        this.bench = bench;
        this.events = events;
    }

    /** Every launch timed; empty when one failed (said through the events). */
    public Optional<Measured> measure() {
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
        long start = nanoTime.getAsLong();
        boolean launched = ok(bench.launch(pool, name), "launch " + bench.image() + " on pool " + pool);
        Duration took = Duration.ofNanos(nanoTime.getAsLong() - start);
        if (!launched) {
            return Optional.empty();
        }
        events.launched(round, pool, took);
        if (ok(bench.delete(name), "delete " + name)) {
            created.remove(name);
        }
        return Optional.of(took);
    }

    private boolean ok(Command command, String what) {
        try {
            runner.run(command);
            return true;
        } catch (CommandFailed failed) {
            events.failed(what, command, failed.cause());
            return false;
        }
    }

    private synchronized void cleanUp() {
        for (String name : List.copyOf(created)) {
            if (runner.attempt(bench.delete(name)).ok()) {
                created.remove(name);
            } else {
                events.notDeleted(name);
            }
        }
        if (poolCreated) {
            poolCreated = false;
            if (!runner.attempt(bench.deleteDirPool()).ok()) {
                events.poolNotDeleted(bench.dirPool());
            }
        }
    }
}

package dev.taos.host.app;

import dev.taos.host.apply.Download;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.plan.Planner;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.exec.Runner;
import dev.taos.host.probe.FixtureCapture;
import dev.taos.host.probe.IncusApi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The host a flow reads and changes: how it is probed, how its programs run and Incus is asked, where taos-host keeps
 * its state, what setup installs there, and time. {@link LiveHost} makes the real one; tests build one from a captured
 * host with {@link #readOnly} and the {@code with} methods.
 */
public record Host(
        Prober prober,
        Runner runner,
        Supplier<IncusApi> incus,
        Path stateDir,
        Path poolsRoot,
        Function<HostFacts, Optional<Planner.HostFiles>> files,
        Time time,
        Download download,
        long pid,
        Optional<String> appUser) {

    /**
     * Reads the host, the app's user as named by the operator if they did; with a recorder, every Incus answer is also
     * kept for a fixture.
     */
    @FunctionalInterface
    public interface Prober {
        HostFacts probe(FixtureCapture recorder, Optional<String> appUser);
    }

    /** The clock for records, a monotonic tick for durations, and waiting (the fetch's back-off). */
    public interface Time {
        Clock clock();

        long nanoTime();

        void sleep(Duration duration);

        static Time system() {
            return new Time() {
                @Override
                public Clock clock() {
                    return Clock.systemUTC();
                }

                @Override
                public long nanoTime() {
                    return System.nanoTime();
                }

                @Override
                public void sleep(Duration duration) {
                    try {
                        Thread.sleep(duration.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while waiting", e);
                    }
                }
            };
        }
    }

    /** A host that can only be looked at: running a command or asking Incus directly is a bug, and says so. */
    public static Host readOnly(Prober prober) {
        CommandRunner none = (argv, timeout) -> {
            throw new IllegalStateException(
                    "Failed to run " + String.join(" ", argv) + ": this host is only looked at");
        };
        Supplier<IncusApi> noIncus = () -> {
            throw new IllegalStateException("Failed to ask Incus: this host is only looked at");
        };
        return new Host(
                prober,
                new Runner(none),
                noIncus,
                Path.of(HostPaths.STATE_DIR),
                Path.of(HostPaths.POOLS_ROOT),
                facts -> Optional.empty(),
                Time.system(),
                new Download(),
                ProcessHandle.current().pid(),
                Optional.empty());
    }

    public HostFacts probe() {
        return prober.probe(null, appUser);
    }

    /** The same host, its app's user named by the operator (empty: found on the host). */
    public Host withAppUser(Optional<String> name) {
        return new Host(prober, runner, incus, stateDir, poolsRoot, files, time, download, pid, name);
    }

    /** The same host, its programs run by {@code replacement} (a test's scripted processes). */
    public Host withRunner(CommandRunner replacement) {
        return new Host(
                prober, new Runner(replacement), incus, stateDir, poolsRoot, files, time, download, pid, appUser);
    }

    public Host withIncus(Supplier<IncusApi> replacement) {
        return new Host(prober, runner, replacement, stateDir, poolsRoot, files, time, download, pid, appUser);
    }

    public Host withStateDir(Path replacement) {
        return new Host(prober, runner, incus, replacement, poolsRoot, files, time, download, pid, appUser);
    }

    public Host withFiles(Function<HostFacts, Optional<Planner.HostFiles>> replacement) {
        return new Host(prober, runner, incus, stateDir, poolsRoot, replacement, time, download, pid, appUser);
    }

    public Host withTime(Time replacement) {
        return new Host(prober, runner, incus, stateDir, poolsRoot, files, replacement, download, pid, appUser);
    }
}

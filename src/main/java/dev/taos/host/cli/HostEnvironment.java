package dev.taos.host.cli;

import dev.taos.host.apply.Download;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.plan.Planner;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.probe.FixtureCapture;
import dev.taos.host.probe.IncusApi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jline.terminal.Terminal;

/**
 * Where the commands get their facts from and make their changes through: the live host, or fakes in tests. Only
 * {@link #probe} is needed to look; the other methods are for the commands that change the host.
 */
public interface HostEnvironment {

    /** Probes the host; with a recorder, every Incus answer is also kept for a fixture. */
    HostFacts probe(FixtureCapture recorder);

    default CommandRunner runner() {
        throw new UnsupportedOperationException("this environment cannot run commands");
    }

    /** Holds the lock and the journal. */
    default Path stateDir() {
        throw new UnsupportedOperationException("this environment has no state directory");
    }

    /** The unit texts, the values to render them with, and the jar to install, for this host; empty where none are installed. */
    default Optional<Planner.HostFiles> hostFiles(HostFacts facts) {
        return Optional.empty();
    }

    /** Asks a yes/no question on the terminal; empty when there is no terminal to ask on. */
    default Optional<Boolean> confirm(String question) {
        return Optional.empty();
    }

    /** The Incus API, for commands that watch instances while they change them (migrate). */
    default IncusApi incusApi() {
        throw new UnsupportedOperationException("this environment has no Incus");
    }

    /** Where Incus mounts its pools; an instance's rootfs is at POOL/containers/NAME/rootfs. */
    default Path poolsRoot() {
        return Path.of(HostPaths.POOLS_ROOT);
    }

    /** True when a person is at a terminal (progress bars, questions). */
    default boolean terminal() {
        return false;
    }

    /** The terminal for the guided setup; empty when there is none to ask on. */
    default Optional<Terminal> wizardTerminal() {
        return Optional.empty();
    }

    /** True when the operator asked for no colors (the NO_COLOR convention). */
    default boolean noColor() {
        return true;
    }

    default Clock clock() {
        return Clock.systemUTC();
    }

    /** HTTP downloads (fetch-base-image). */
    default Download download() {
        return new Download();
    }

    /** For measuring durations (bench); a fake can make them predictable. */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** Waits (the fetch's back-off between attempts); a fake returns at once. */
    default void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }

    default long pid() {
        return ProcessHandle.current().pid();
    }
}

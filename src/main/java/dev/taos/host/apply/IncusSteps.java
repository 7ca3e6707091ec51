package dev.taos.host.apply;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.Next;
import dev.taos.host.core.migrate.Observed;
import dev.taos.host.core.migrate.Protocol;
import dev.taos.host.exec.CommandFailed;
import dev.taos.host.exec.Runner;
import dev.taos.host.probe.IncusApi;
import dev.taos.host.probe.InstanceObserver;
import java.time.Duration;
import java.util.List;

/**
 * The Incus side of a migration: what Incus shows now, its commands run one by one, and waits for its own operations.
 */
final class IncusSteps {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 500;

    private final Runner runner;
    private final InstanceObserver observer;

    IncusSteps(Runner runner, InstanceObserver observer) {
        this.runner = runner;
        this.observer = observer;
    }

    /** What Incus shows now of the instances in {@code m}'s project. */
    Observed observe(InstanceMigration m) throws IncusApi.IncusUnavailable {
        return observer.observe(m.project());
    }

    void runAll(List<Command> commands) throws StepFailed {
        for (Command command : commands) {
            run(command);
        }
    }

    void run(Command command) throws StepFailed {
        try {
            runner.run(command);
        } catch (CommandFailed failed) {
            throw new StepFailed(failed.getMessage());
        }
    }

    /**
     * Waits for Incus's own operations on these instances: a killed client leaves its copy running, and Incus refuses
     * to delete a busy instance.
     */
    void awaitIdle(List<String> names) throws StepFailed, IncusApi.IncusUnavailable {
        for (String id : observer.runningOperationsOn(names)) {
            run(Incus.awaitOperation(id));
        }
    }

    /** Waits until {@code m}'s instance runs on its target pool. */
    void awaitRunning(InstanceMigration m) throws StepFailed, IncusApi.IncusUnavailable {
        String name = m.name();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (observe(m).on(name, m.targetPool()).map(Observed.Seen::running).orElse(false)) {
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailed("interrupted while waiting for \"" + name + "\" to run");
            }
        }
        throw new StepFailed("\"" + name + "\" did not reach RUNNING within " + START_TIMEOUT.toSeconds() + " s");
    }

    /**
     * The graceful stop, bounded by the stop policy; then a forced one only if the operator allowed it (Incus's own
     * error is then moot).
     */
    void stop(InstanceMigration m, List<Command> graceful) throws StepFailed, IncusApi.IncusUnavailable {
        try {
            runAll(graceful);
        } catch (StepFailed failed) {
            var after = Protocol.afterFailedStop(m, observe(m));
            if (after instanceof Next.Blocked blocked) {
                throw new StepFailed(blocked.problem());
            }
            runAll(((Next.Run) after).commands());
        }
    }
}

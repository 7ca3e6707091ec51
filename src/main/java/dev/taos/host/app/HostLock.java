package dev.taos.host.app;

import dev.taos.host.apply.RunLock;
import java.util.Optional;
import java.util.function.Supplier;

/** The one lock every flow that changes the host takes. */
public final class HostLock {

    private HostLock() {}

    /** Runs {@code work} holding the lock; exit 5 after telling {@code ui} who holds it when another run does. */
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    public static ExitCode holding(Host host, String command, FlowUi ui, Supplier<ExitCode> work) {
        Optional<RunLock> lock = RunLock.tryAcquire(host.stateDir(), host.pid());
        if (lock.isEmpty()) {
            ui.locked(command, RunLock.holder(host.stateDir()));
            return ExitCode.LOCKED;
        }
        try (RunLock held = lock.get()) {
            return work.get();
        }
    }
}

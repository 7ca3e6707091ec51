package dev.taos.host.app;

import dev.taos.host.apply.RunLock;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.IntSupplier;

/** The one lock every flow that changes the host takes, and the message when another run holds it. */
public final class HostLock {

    private HostLock() {}

    /** Runs {@code work} holding the lock; exit 5 after telling the operator who holds it when another run does. */
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    public static int holding(Host host, String command, PrintStream err, IntSupplier work) {
        Optional<RunLock> lock = RunLock.tryAcquire(host.stateDir(), host.pid());
        if (lock.isEmpty()) {
            err.println("Failed to start " + command + ": another taos-host run (PID " + RunLock.holder(host.stateDir())
                    + ") is changing this host.");
            err.println("Wait for it to finish, then run " + command + " again. Nothing has been changed.");
            return ExitCode.LOCKED.code();
        }
        try (RunLock held = lock.get()) {
            return work.getAsInt();
        }
    }
}

package dev.taos.host.cli;

import dev.taos.host.apply.RunLock;
import java.io.PrintStream;
import java.util.Optional;

/** The one lock every command that changes the host takes, and the message when another run holds it. */
final class HostLock {

    private HostLock() {
    }

    /** The lock, or empty after telling the operator who holds it (the caller then exits with LOCKED). */
    static Optional<RunLock> acquire(HostEnvironment env, String command, PrintStream err) {
        Optional<RunLock> lock = RunLock.tryAcquire(env.stateDir(), env.pid());
        if (lock.isEmpty()) {
            err.println("Failed to start " + command + ": another taos-host run (PID " + RunLock.holder(env.stateDir()) + ") is changing this host.");
            err.println("Wait for it to finish, then run " + command + " again. Nothing has been changed.");
        }
        return lock;
    }
}

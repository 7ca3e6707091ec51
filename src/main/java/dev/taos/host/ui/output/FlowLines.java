package dev.taos.host.ui.output;

import dev.taos.host.app.FlowUi;
import java.io.PrintStream;

/** The lines every report prints alike, on its error stream. */
interface FlowLines extends FlowUi {

    PrintStream err();

    @Override
    default void locked(String command, String holder) {
        err().println("Failed to start " + command + ": another taos-host run (PID " + holder
                + ") is changing this host.");
        err().println("Wait for it to finish, then run " + command + " again. Nothing has been changed.");
    }

    @Override
    default void incusDown(String what, String cause) {
        err().println("Failed to " + what + ": the Incus daemon does not answer (" + cause
                + "). Start Incus, then run again.");
    }
}

package dev.taos.host.app;

/** What any flow may have to tell the operator before its own work starts. */
public interface FlowUi {

    /** Another taos-host run (PID {@code holder}) holds the host's lock, so {@code command} changed nothing. */
    void locked(String command, String holder);

    /** The Incus daemon did not answer ({@code cause}), so the flow could not {@code what}. */
    void incusDown(String what, String cause);
}

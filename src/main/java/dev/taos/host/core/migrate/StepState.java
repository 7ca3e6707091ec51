package dev.taos.host.core.migrate;

/** How a step of one instance's migration stands when the migrator tells its events. */
public enum StepState {
    STARTED,
    DONE,
    FAILED,
    /** The instance was put back as it was; the detail says why. */
    ROLLED_BACK,
    /** Putting it back failed too; the instance is left for --resume or --rollback. */
    ROLLBACK_FAILED
}

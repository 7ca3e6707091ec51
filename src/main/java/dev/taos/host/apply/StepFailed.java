package dev.taos.host.apply;

/** A migration step could not be done; the message says what and why, for the operator. */
final class StepFailed extends Exception {
    private static final long serialVersionUID = 1L;

    StepFailed(String message) {
        super(message);
    }
}

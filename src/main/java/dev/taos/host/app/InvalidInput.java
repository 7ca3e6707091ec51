package dev.taos.host.app;

/**
 * Bad input from the operator (a flag, a file, a selection): exit 2, nothing changed; the message names it and what is
 * accepted.
 */
public final class InvalidInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInput(String message) {
        super(message);
    }
}

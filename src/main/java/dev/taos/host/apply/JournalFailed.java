package dev.taos.host.apply;

import java.io.UncheckedIOException;

/** A journal could not be written: the run stops there, before it changes anything more. */
final class JournalFailed extends Exception {
    private static final long serialVersionUID = 1L;

    private JournalFailed(String message) {
        super(message);
    }

    /** Runs {@code write}; a failed write becomes JournalFailed naming {@code run} ("setup", "The migration"). */
    static void journaled(String run, Runnable write) throws JournalFailed {
        try {
            write.run();
        } catch (UncheckedIOException e) {
            throw new JournalFailed(e.getMessage() + " " + run + " stopped there and changed nothing more");
        }
    }
}

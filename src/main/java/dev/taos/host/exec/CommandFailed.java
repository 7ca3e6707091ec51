package dev.taos.host.exec;

import dev.taos.host.core.command.Command;

/**
 * A command that failed, in the one shape every failure of a command takes: "Failed to run WORDS: CAUSE (the tail of
 * what it said)".
 */
public final class CommandFailed extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Command command;
    private final transient CommandRunner.Result result;

    CommandFailed(Command command, CommandRunner.Result result) {
        super(words(command, result));
        this.command = command;
        this.result = result;
    }

    public Command command() {
        return command;
    }

    public CommandRunner.Result result() {
        return result;
    }

    /** Why it failed, after "Failed to run WORDS: " or after a caller's own "Failed to import X: ". */
    public String cause() {
        return "it " + how(command, result);
    }

    /** The command and why it failed, after a caller's own "Failed to grow pool X: ". */
    public String said() {
        return command.words() + " " + how(command, result);
    }

    private static String words(Command command, CommandRunner.Result result) {
        return "Failed to run " + command.words() + ": it " + how(command, result);
    }

    private static String how(Command command, CommandRunner.Result result) {
        String how = result.timedOut()
                ? "did not finish within " + command.patience().words()
                : result.exitCode() < 0 ? "could not be started" : "exited " + result.exitCode();
        return how + (result.tail().isEmpty() ? "" : " (" + result.tail() + ")");
    }
}

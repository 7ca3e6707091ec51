package dev.taos.host.exec;

import dev.taos.host.core.command.Command;
import java.util.function.Consumer;

/**
 * The one place a command runs: a {@link Command} value, for as long as its patience allows, through the process runner
 * (argument lists, the C locale, an empty stdin). A failure is a {@link CommandFailed}, worded once; where a failing
 * command is an answer rather than an error (does this instance exist?), {@link #attempt} gives the result.
 */
public final class Runner {

    private final CommandRunner processes;

    public Runner(CommandRunner processes) {
        this.processes = processes;
    }

    public CommandRunner.Result run(Command command) throws CommandFailed {
        return run(command, line -> {});
    }

    /** The same, handing each line of its output to {@code lines} as it comes (a build script's progress). */
    public CommandRunner.Result run(Command command, Consumer<String> lines) throws CommandFailed {
        CommandRunner.Result result =
                processes.run(command.argv(), command.patience().limit(), lines);
        if (!result.ok()) {
            throw new CommandFailed(command, result);
        }
        return result;
    }

    /** Runs a command whose failure is an answer: its result, whatever it is. */
    public CommandRunner.Result attempt(Command command) {
        return processes.run(command.argv(), command.patience().limit());
    }
}

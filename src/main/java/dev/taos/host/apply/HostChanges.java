package dev.taos.host.apply;

import dev.taos.host.core.command.Command;
import dev.taos.host.exec.CommandFailed;
import dev.taos.host.exec.Runner;
import java.util.Optional;

/**
 * Changes a flow makes one decided command at a time, outside a plan's steps (a pool's growth, a pruned image): the
 * flows order them, the apply layer runs them.
 */
public final class HostChanges {

    private final Runner runner;

    public HostChanges(Runner runner) {
        this.runner = runner;
    }

    /** Runs {@code command}: how it failed, if it did. */
    public Optional<CommandFailed> make(Command command) {
        try {
            runner.run(command);
            return Optional.empty();
        } catch (CommandFailed failed) {
            return Optional.of(failed);
        }
    }
}

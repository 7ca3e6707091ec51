package dev.taos.host.core.migrate;

import dev.taos.host.core.command.Command;
import java.util.List;

/** What a step does next: its work (no commands when the step is already done), or why it cannot go on. */
public sealed interface Next {

    record Run(Work work) implements Next {
        public List<Command> commands() {
            return work.commands();
        }
    }

    record Blocked(String problem) implements Next {}

    /** Commands run in order and nothing else. */
    static Run commands(List<Command> commands) {
        return new Run(new Work.Commands(commands));
    }
}

package dev.taos.host;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Patience;
import dev.taos.host.core.plan.Action;
import java.util.List;

/** Commands as tests write them: an argument list, and the argument lists of what a decider returned. */
public final class TestCommands {

    private TestCommands() {}

    /** A plan's command, as a test builds a step by hand. */
    public static Action.Run run(String... argv) {
        return new Action.Run(Command.of(Patience.CHANGE, List.of(argv)));
    }

    /** Each action's argument list (a command's) or its display (anything else). */
    public static List<List<String>> argv(List<? extends Action> actions) {
        return actions.stream()
                .map(a -> a instanceof Action.Run run ? run.argv() : List.of(a.display()))
                .toList();
    }

    /** Each command's argument list. */
    public static List<List<String>> argvOf(List<Command> commands) {
        return commands.stream().map(Command::argv).toList();
    }
}

package dev.taos.host.core.migrate;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.migrate.Observed.Seen;
import java.util.List;

/**
 * What the migrator does for one step, typed: it dispatches on the work, not on the step's name. Each kind carries the
 * commands it runs (in the instance's project once {@link Protocol#next} has scoped them) and what its own part needs.
 */
public sealed interface Work {

    List<Command> commands();

    /** The same work with its incus commands run in {@code project}. */
    Work scoped(String project);

    /** Record the instance as Incus shows it before anything changes. */
    record Record(Seen original) implements Work {
        @Override
        public List<Command> commands() {
            return List.of();
        }

        @Override
        public Work scoped(String project) {
            return this;
        }
    }

    /** A graceful stop (none when it is stopped already); when it fails, {@link Protocol#afterFailedStop} decides. */
    record Stop(List<Command> commands) implements Work {
        @Override
        public Work scoped(String project) {
            return new Stop(inProject(commands, project));
        }
    }

    /** The copy of a running instance, stamped for the check; through a stage when Incus's own copy cannot. */
    record PreCopy(List<Command> commands) implements Work {
        @Override
        public Work scoped(String project) {
            return new PreCopy(inProject(commands, project));
        }
    }

    /** The copy after the stop (or what changed since a pre-copy); the copy then holds {@code snapshots}. */
    record Copy(List<Command> commands, List<String> snapshots) implements Work {
        @Override
        public Work scoped(String project) {
            return new Copy(inProject(commands, project), snapshots);
        }
    }

    /** Read both sides and compare them. */
    record Verify() implements Work {
        @Override
        public List<Command> commands() {
            return List.of();
        }

        @Override
        public Work scoped(String project) {
            return this;
        }
    }

    /** Start it again, and wait until it runs when it ran before ({@code awaitRunning}). */
    record Start(List<Command> commands, boolean awaitRunning) implements Work {
        @Override
        public Work scoped(String project) {
            return new Start(inProject(commands, project), awaitRunning);
        }
    }

    /** Commands run in order and nothing else (the sync, the identity, the renames). */
    record Commands(List<Command> commands) implements Work {
        public Commands {
            commands = List.copyOf(commands);
        }

        @Override
        public Work scoped(String project) {
            return new Commands(inProject(commands, project));
        }
    }

    /** The incus commands among {@code commands} run in {@code project} (rsync needs none: it reads paths). */
    private static List<Command> inProject(List<Command> commands, String project) {
        return commands.stream().map(c -> c.inProject(project)).toList();
    }
}

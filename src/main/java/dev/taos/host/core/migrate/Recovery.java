package dev.taos.host.core.migrate;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.migrate.Observed.Seen;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The way back and the way out of a migration: rolling an instance back to its original from whatever state Incus
 * shows, and pruning the original a finished migration kept. Only the copy is ever deleted by a rollback; the original
 * is deleted by prune alone, and only once its copy holds the name on the target pool.
 */
public final class Recovery {

    private Recovery() {}

    /**
     * The commands that put the original back under its own name with its autostart and power state, and delete the
     * copy. Empty when there is nothing to undo. A state this cannot read safely is refused rather than guessed.
     */
    public static Rollback rollback(InstanceMigration m, Observed seen) {
        List<Command> commands = new ArrayList<>();
        Optional<Seen> renamedOriginal = seen.on(m.originalName(), m.sourcePool());
        Optional<Seen> atName = seen.get(m.name());
        Optional<Seen> original =
                renamedOriginal.or(() -> atName.filter(s -> s.pool().equals(m.sourcePool())));
        if (original.isEmpty()) {
            return new Rollback.Refused("the original of \"" + m.name() + "\" is neither \"" + m.name() + "\" nor \""
                    + m.originalName() + "\" on pool \"" + m.sourcePool() + "\"");
        }
        boolean copyAtName = renamedOriginal.isPresent() && atName.isPresent();
        if (copyAtName) {
            if (!atName.get().pool().equals(m.targetPool())
                    || seen.get(m.copyName()).isPresent()) {
                return new Rollback.Refused("\"" + m.name() + "\" and \"" + m.copyName() + "\" both exist next to \""
                        + m.originalName() + "\"");
            }
            if (atName.get().running()) {
                commands.add(Incus.stop(m.name()));
            }
            commands.add(Incus.rename(m.name(), m.copyName()));
        }
        if (renamedOriginal.isPresent()) {
            commands.add(Incus.rename(m.originalName(), m.name()));
        }
        // Its renames gave it a new cloud-init id: it takes its own back.
        Identity.cloudInitIdBack(
                        m,
                        renamedOriginal.isPresent() ? Map.of() : original.get().config(),
                        seen.cloudInitIdLocked())
                .ifPresent(commands::add);
        if (copyAtName || seen.on(m.copyName(), m.targetPool()).isPresent()) {
            commands.add(Incus.deleteForced(m.copyName()));
        }
        if (seen.on(m.stageName(), m.sourcePool()).isPresent()) {
            commands.add(Incus.deleteForced(m.stageName()));
        }
        String autostart = original.get().config().get("boot.autostart");
        if (m.step().compareTo(MigrationStep.RECORD) > 0 && !Objects.equals(autostart, m.localAutostart())) {
            commands.add(
                    m.localAutostart() == null
                            ? Incus.configUnset(m.name(), List.of("boot.autostart"))
                            : Incus.configSet(m.name(), "boot.autostart", m.localAutostart()));
        }
        // The MAC addresses it gave up to the copy come back, now that the copy is gone.
        Map<String, String> macs = new java.util.TreeMap<>();
        Identity.macKeys(m).stream()
                .filter(key -> !Objects.equals(
                        original.get().config().get(key), m.identity().get(key)))
                .forEach(key -> macs.put(key, m.identity().get(key)));
        if (m.step().compareTo(MigrationStep.CARRY_IDENTITY) >= 0 && !macs.isEmpty()) {
            commands.add(Incus.configSet(m.name(), macs));
        }
        if (m.wasRunning() && !original.get().running()) {
            commands.add(Incus.start(m.name()));
        }
        return new Rollback.Commands(
                commands.stream().map(c -> c.inProject(m.project())).toList());
    }

    /**
     * The command that deletes a migrated instance's original, or why it is not safe to (nothing else is ever pruned).
     */
    public static Prune prune(InstanceMigration m, Observed seen) {
        if (m.status() != InstanceMigration.Status.DONE) {
            return new Prune.Refused("its migration is not finished (" + m.progress() + ")");
        }
        if (seen.on(m.name(), m.targetPool()).isEmpty()) {
            return new Prune.Refused("\"" + m.name() + "\" is not on pool \"" + m.targetPool() + "\" any more");
        }
        Optional<Seen> original = seen.on(m.originalName(), m.sourcePool());
        if (original.isEmpty()) {
            return new Prune.Gone();
        }
        List<String> onlyThere = original.get().snapshots().stream()
                .filter(s ->
                        !seen.on(m.name(), m.targetPool()).get().snapshots().contains(s))
                .toList();
        if (!onlyThere.isEmpty()) {
            return new Prune.Refused("its original \"" + m.originalName() + "\" holds snapshot(s) " + onlyThere
                    + " that \"" + m.name() + "\" lacks, and pruning would delete the only copy. Copy what you need"
                    + " from them (or delete them: incus snapshot delete " + m.originalName() + " NAME), then prune"
                    + " again");
        }
        return new Prune.Delete(Incus.delete(m.originalName()).inProject(m.project()));
    }

    /** What pruning one migrated instance takes. */
    public sealed interface Prune {
        record Delete(Command command) implements Prune {}

        /** Someone already deleted the original. */
        record Gone() implements Prune {}

        record Refused(String problem) implements Prune {}
    }

    /** What rolling back one instance takes. */
    public sealed interface Rollback {
        record Commands(List<Command> commands) implements Rollback {
            public Commands {
                commands = List.copyOf(commands);
            }
        }

        record Refused(String problem) implements Rollback {}
    }
}

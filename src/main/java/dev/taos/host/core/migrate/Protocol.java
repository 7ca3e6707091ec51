package dev.taos.host.core.migrate;

import dev.taos.host.core.migrate.Observed.Seen;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The migration protocol's decisions: the incus commands each step runs, chosen from what Incus shows now, so that a
 * step repeated after a crash does only what is left. Only the copy (on the target pool, under its temporary name) is
 * ever deleted here; the original is deleted by {@code --prune} alone.
 */
public final class Protocol {

    static final String APPLY_TEMPLATE = "volatile.apply_template";
    static final String CLOUD_INIT_ID = "volatile.cloud-init.instance-id";

    private Protocol() {
    }

    /** The keys that make the copy the same machine to its network and to cloud-init. */
    static Map<String, String> identityOf(Seen instance) {
        Map<String, String> identity = new TreeMap<>();
        instance.config().forEach((key, value) -> {
            if (key.startsWith("volatile.") && key.endsWith(".hwaddr") || key.equals(CLOUD_INIT_ID)) {
                identity.put(key, value);
            }
        });
        return identity;
    }

    /** The commands for {@code m.step()}; steps without commands (record, manifest, verify) are the migrator's own work. */
    public static List<List<String>> commands(InstanceMigration m, Observed seen) {
        List<List<String>> commands = new ArrayList<>();
        String name = m.name();
        switch (m.step()) {
            case STOP -> seen.on(name, m.sourcePool()).filter(Seen::running).ifPresent(s -> commands.add(List.of("incus", "stop", name)));
            case COPY -> {
                if (seen.on(m.copyName(), m.targetPool()).isPresent()) {
                    commands.add(List.of("incus", "delete", "--force", m.copyName()));
                }
                commands.add(List.of("incus", "copy", name, m.copyName(), "--storage", m.targetPool()));
            }
            case CARRY_IDENTITY -> seen.on(m.copyName(), m.targetPool()).ifPresent(copy -> {
                if (!m.identity().isEmpty()) {
                    List<String> set = new ArrayList<>(List.of("incus", "config", "set", m.copyName()));
                    new TreeMap<>(m.identity()).forEach((key, value) -> set.add(key + "=" + value));
                    commands.add(set);
                }
                // Incus marks a copy to apply the image's "copy" templates on first start; a migrated instance is the same machine.
                if (copy.config().containsKey(APPLY_TEMPLATE)) {
                    commands.add(List.of("incus", "config", "unset", m.copyName(), APPLY_TEMPLATE));
                }
                commands.add(List.of("incus", "config", "set", name, "boot.autostart=false"));
            });
            case RENAME_ORIGINAL -> seen.on(name, m.sourcePool()).ifPresent(s -> commands.add(List.of("incus", "rename", name, m.originalName())));
            case RENAME_COPY -> {
                if (seen.get(name).isEmpty() && seen.on(m.copyName(), m.targetPool()).isPresent()) {
                    commands.add(List.of("incus", "rename", m.copyName(), name));
                }
            }
            case START -> {
                if (m.wasRunning() && seen.on(name, m.targetPool()).filter(s -> !s.running()).isPresent()) {
                    commands.add(List.of("incus", "start", name));
                }
            }
            default -> { }
        }
        return commands;
    }

    /**
     * Why the step cannot go on, if something outside the migration changed the instance: the original started again
     * (its disk would no longer match the copy) or gone. Checked from the copy until the original is renamed away.
     */
    public static Optional<String> interference(InstanceMigration m, Observed seen) {
        if (m.step().compareTo(MigrationStep.COPY) < 0 || m.step().compareTo(MigrationStep.RENAME_ORIGINAL) > 0) {
            return Optional.empty();
        }
        Optional<Seen> original = seen.on(m.name(), m.sourcePool());
        if (original.isEmpty()) {
            return m.step() == MigrationStep.RENAME_ORIGINAL && seen.on(m.originalName(), m.sourcePool()).isPresent()
                    ? Optional.empty()
                    : Optional.of("\"" + m.name() + "\" is no longer on pool \"" + m.sourcePool() + "\"; something else renamed, moved or deleted it");
        }
        if (original.get().running()) {
            return Optional.of("\"" + m.name() + "\" was started by someone else during its migration, so its disk may differ from the copy");
        }
        return Optional.empty();
    }

    /**
     * The commands that put the original back under its own name with its autostart and power state, and delete the
     * copy. Empty when there is nothing to undo. A state this cannot read safely is refused rather than guessed.
     */
    public static Rollback rollback(InstanceMigration m, Observed seen) {
        List<List<String>> commands = new ArrayList<>();
        Optional<Seen> renamedOriginal = seen.on(m.originalName(), m.sourcePool());
        Optional<Seen> atName = seen.get(m.name());
        Optional<Seen> original = renamedOriginal.or(() -> atName.filter(s -> s.pool().equals(m.sourcePool())));
        if (original.isEmpty()) {
            return new Rollback.Refused("the original of \"" + m.name() + "\" is neither \"" + m.name() + "\" nor \"" + m.originalName()
                    + "\" on pool \"" + m.sourcePool() + "\"");
        }
        boolean copyAtName = renamedOriginal.isPresent() && atName.isPresent();
        if (copyAtName) {
            if (!atName.get().pool().equals(m.targetPool()) || seen.get(m.copyName()).isPresent()) {
                return new Rollback.Refused("\"" + m.name() + "\" and \"" + m.copyName() + "\" both exist next to \"" + m.originalName() + "\"");
            }
            if (atName.get().running()) {
                commands.add(List.of("incus", "stop", m.name()));
            }
            commands.add(List.of("incus", "rename", m.name(), m.copyName()));
        }
        if (renamedOriginal.isPresent()) {
            commands.add(List.of("incus", "rename", m.originalName(), m.name()));
        }
        if (copyAtName || seen.on(m.copyName(), m.targetPool()).isPresent()) {
            commands.add(List.of("incus", "delete", "--force", m.copyName()));
        }
        String autostart = original.get().config().get("boot.autostart");
        if (m.step().compareTo(MigrationStep.RECORD) > 0 && !Objects.equals(autostart, m.localAutostart())) {
            commands.add(m.localAutostart() == null ? List.of("incus", "config", "unset", m.name(), "boot.autostart")
                    : List.of("incus", "config", "set", m.name(), "boot.autostart=" + m.localAutostart()));
        }
        if (m.wasRunning() && !original.get().running()) {
            commands.add(List.of("incus", "start", m.name()));
        }
        return new Rollback.Commands(commands);
    }

    /** The command that deletes a migrated instance's original, or why it is not safe to (nothing else is ever pruned). */
    public static Prune prune(InstanceMigration m, Observed seen) {
        if (m.status() != InstanceMigration.Status.DONE) {
            return new Prune.Refused("its migration is not finished (" + m.progress() + ")");
        }
        if (seen.on(m.name(), m.targetPool()).isEmpty()) {
            return new Prune.Refused("\"" + m.name() + "\" is not on pool \"" + m.targetPool() + "\" any more");
        }
        if (seen.on(m.originalName(), m.sourcePool()).isEmpty()) {
            return new Prune.Gone();
        }
        return new Prune.Delete(List.of("incus", "delete", m.originalName()));
    }

    /** What pruning one migrated instance takes. */
    public sealed interface Prune {
        record Delete(List<String> command) implements Prune {
            public Delete {
                command = List.copyOf(command);
            }
        }

        /** Someone already deleted the original. */
        record Gone() implements Prune {
        }

        record Refused(String problem) implements Prune {
        }
    }

    /** What rolling back one instance takes. */
    public sealed interface Rollback {
        record Commands(List<List<String>> commands) implements Rollback {
            public Commands {
                commands = List.copyOf(commands);
            }
        }

        record Refused(String problem) implements Rollback {
        }
    }
}

package dev.taos.host.core.migrate;

import dev.taos.host.core.command.HostTools;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.migrate.Observed.Seen;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The protocol's steps for one instance, in order (docs/ARCHITECTURE.md, "Migration protocol"). Each step knows, in one
 * place, its words, its typed {@link Work} given what Incus shows ({@link Protocol} checks first what every step relies
 * on), why it may run no command, and what Incus shows after it (the plan's preview walks that instead of Incus). The
 * I/O of the work (record, stop, copy, verify, wait) is apply/Migrator's, dispatched on the work's type. The journal
 * records the last step done, by name.
 */
public enum MigrationStep {
    RECORD("record its state") {
        @Override
        Next next(InstanceMigration m, Observed seen, String poolsRoot) {
            return seen.on(m.name(), m.sourcePool())
                    .<Next>map(original -> new Next.Run(new Work.Record(original)))
                    .orElseGet(() -> new Next.Blocked(Copies.gone(m.name(), m.sourcePool())));
        }
    },
    PRE_COPY("copy it with its snapshots to a temporary name on the target pool while it still runs") {
        @Override
        Next next(InstanceMigration m, Observed seen, String poolsRoot) {
            if (!Copies.originalThere(m, seen)) {
                return new Next.Blocked(Copies.gone(m.name(), m.sourcePool()));
            }
            return new Next.Run(
                    new Work.PreCopy(m.preCopies() ? Copies.copyWithSnapshots(m, seen, true, poolsRoot) : List.of()));
        }

        @Override
        Optional<String> skipped(InstanceMigration m) {
            return m.preCopies()
                    ? Optional.empty()
                    : Optional.of(
                            m.wasRunning()
                                    ? "pre-copy is off (--no-pre-copy): it is copied after the stop"
                                    : "it is stopped, so it is copied in one go at step " + (COPY.ordinal() + 1));
        }

        @Override
        void preview(InstanceMigration m, Map<String, Seen> seen, boolean ran) {
            COPY.preview(m, seen, ran);
        }
    },
    STOP("stop it") {
        @Override
        Next next(InstanceMigration m, Observed seen, String poolsRoot) {
            Optional<Seen> original = seen.on(m.name(), m.sourcePool());
            if (original.isEmpty()) {
                return new Next.Blocked(Copies.gone(m.name(), m.sourcePool()));
            }
            return new Next.Run(new Work.Stop(
                    original.get().running()
                            ? List.of(Incus.stop(m.name(), m.stop().timeoutSeconds()))
                            : List.of()));
        }

        @Override
        String describe(InstanceMigration m) {
            return stoppedOne(m) ? "check it is still stopped (it was not running)" : description();
        }

        @Override
        void preview(InstanceMigration m, Map<String, Seen> seen, boolean ran) {
            Seen original = seen.get(m.name());
            seen.put(m.name(), original.as(original.name(), "Stopped", original.config()));
        }
    },
    COPY("copy it with its snapshots to a temporary name on the target pool") {
        @Override
        Next next(InstanceMigration m, Observed seen, String poolsRoot) {
            Optional<Seen> copy = seen.on(m.copyName(), m.targetPool());
            boolean preCopied = m.preCopies() && copy.isPresent();
            // The copy then holds the snapshots the stopped original has: those the check compares from here on.
            List<String> snapshots =
                    seen.on(m.name(), m.sourcePool()).map(Seen::snapshots).orElse(m.snapshots());
            return new Next.Run(new Work.Copy(
                    preCopied
                            ? Copies.snapshotsSincePreCopy(m, seen, poolsRoot)
                            : Copies.copyWithSnapshots(m, seen, false, poolsRoot),
                    snapshots));
        }

        @Override
        Optional<String> skipped(InstanceMigration m) {
            return m.preCopies()
                    ? Optional.of(
                            "it was copied while it ran; step " + (SYNC.ordinal() + 1) + " copies what changed since")
                    : Optional.empty();
        }

        @Override
        void preview(InstanceMigration m, Map<String, Seen> seen, boolean ran) {
            if (ran) {
                seen.put(m.copyName(), Copies.freshCopy(m, seen.get(m.name()).location()));
            }
        }
    },
    SYNC("bring the copy up to date with rsync: what changed since a pre-copy, and what Incus's copy leaves out "
            + "(hard links)") {
        @Override
        Next next(InstanceMigration m, Observed seen, String poolsRoot) {
            return Copies.copyThere(m, seen)
                    ? Next.commands(List.of(HostTools.sync(
                            Copies.rootfs(poolsRoot, m.sourcePool(), m.project(), m.name()),
                            Copies.rootfs(poolsRoot, m.targetPool(), m.project(), m.copyName()))))
                    : new Next.Blocked(Copies.copyGone(m));
        }
    },
    VERIFY("read every file of the stopped original and of the copy at once, and of each snapshot, and compare them") {
        @Override
        Next next(InstanceMigration m, Observed seen, String poolsRoot) {
            return Copies.copyThere(m, seen) ? new Next.Run(new Work.Verify()) : new Next.Blocked(Copies.copyGone(m));
        }
    },
    CARRY_IDENTITY(
            "carry its identity over (the original gives up its MAC addresses) and disable autostart on the original") {
        @Override
        Next next(InstanceMigration m, Observed seen, String poolsRoot) {
            Optional<Seen> copy = seen.on(m.copyName(), m.targetPool());
            return copy.isPresent()
                    ? Next.commands(Identity.carry(m, copy.get(), seen.on(m.name(), m.sourcePool())))
                    : new Next.Blocked(Copies.copyGone(m));
        }

        @Override
        void preview(InstanceMigration m, Map<String, Seen> seen, boolean ran) {
            Seen original = seen.get(m.name());
            Seen copy = seen.get(m.copyName());
            seen.put(m.copyName(), copy.as(copy.name(), copy.status(), m.identity()));
            Map<String, String> gaveUp = new HashMap<>(original.config());
            gaveUp.keySet().removeAll(Identity.macKeys(m));
            seen.put(m.name(), original.as(original.name(), original.status(), gaveUp));
        }
    },
    RENAME_ORIGINAL("rename the original out of the way") {
        @Override
        Next next(InstanceMigration m, Observed seen, String poolsRoot) {
            if (!Copies.copyThere(m, seen)) {
                return new Next.Blocked(Copies.copyGone(m) + "; the original keeps its name");
            }
            return Next.commands(
                    Copies.originalThere(m, seen) ? List.of(Incus.rename(m.name(), m.originalName())) : List.of());
        }

        @Override
        void preview(InstanceMigration m, Map<String, Seen> seen, boolean ran) {
            renamed(seen, m.name(), m.originalName());
        }
    },
    RENAME_COPY("give the copy the instance's name, and the original's cloud-init id (Incus renews it at a rename)") {
        @Override
        Next next(InstanceMigration m, Observed seen, String poolsRoot) {
            return Identity.takeName(m, seen);
        }

        @Override
        void preview(InstanceMigration m, Map<String, Seen> seen, boolean ran) {
            renamed(seen, m.copyName(), m.name());
        }
    },
    START("start it again") {
        @Override
        Next next(InstanceMigration m, Observed seen, String poolsRoot) {
            Optional<Seen> migrated = seen.on(m.name(), m.targetPool());
            if (migrated.isEmpty()) {
                return new Next.Blocked(Copies.gone(m.name(), m.targetPool()));
            }
            return new Next.Run(new Work.Start(
                    m.wasRunning() && !migrated.get().running() ? List.of(Incus.start(m.name())) : List.of(),
                    m.wasRunning()));
        }

        @Override
        String describe(InstanceMigration m) {
            return stoppedOne(m) ? "leave it stopped, as it was" : description();
        }
    },
    DONE("done") {
        @Override
        Next next(InstanceMigration m, Observed seen, String poolsRoot) {
            return Next.commands(List.of());
        }
    };

    private final String description;

    MigrationStep(String description) {
        this.description = description;
    }

    /** The step's work for {@code m} given what Incus shows now (its commands unscoped), or why it cannot go on. */
    abstract Next next(InstanceMigration m, Observed seen, String poolsRoot);

    /** What the step does for {@code m}, in the operator's words: a stopped one is neither stopped nor started. */
    String describe(InstanceMigration m) {
        return description;
    }

    /** Why the step runs no command for {@code m} although it usually does: the copy is made before or after a stop. */
    Optional<String> skipped(InstanceMigration m) {
        return Optional.empty();
    }

    /** What Incus shows once the step has run for {@code m} ({@code ran}: it had commands), for the plan's preview. */
    void preview(InstanceMigration m, Map<String, Seen> seen, boolean ran) {}

    public String description() {
        return description;
    }

    public MigrationStep next() {
        return values()[Math.min(ordinal() + 1, DONE.ordinal())];
    }

    /** Steps taos-host does itself, running no command: recording, reading and comparing both sides. */
    public boolean ownWork() {
        return this == RECORD || this == VERIFY;
    }

    /** Steps that start an incus copy: Incus's own operations on these instances must have ended first. */
    public boolean copies() {
        return this == PRE_COPY || this == COPY;
    }

    /**
     * True once the original has been renamed: from here the copy is the instance and resuming is the natural way on.
     */
    public boolean pastRename() {
        return compareTo(RENAME_ORIGINAL) >= 0;
    }

    private static boolean stoppedOne(InstanceMigration m) {
        return !m.wasRunning() && m.step().compareTo(RECORD) > 0;
    }

    /** What Incus shows after {@code incus rename from to}: the same instance under the new name. */
    private static void renamed(Map<String, Seen> seen, String from, String to) {
        Seen instance = seen.remove(from);
        seen.put(to, instance.as(to, instance.status(), instance.config()));
    }
}

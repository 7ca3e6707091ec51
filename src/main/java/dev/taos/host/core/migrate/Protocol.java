package dev.taos.host.core.migrate;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.HostTools;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.migrate.Observed.Seen;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The migration protocol's decisions: the incus commands each step runs, chosen from what Incus shows now, so that a
 * step repeated after a crash does only what is left. Only the copy (on the target pool, under its temporary name) is
 * ever deleted here; the original is deleted by {@code --prune} alone.
 */
public final class Protocol {

    static final String APPLY_TEMPLATE = "volatile.apply_template";

    private Protocol() {}

    /** What a step does next: these commands (none when the step is already done), or why it cannot go on. */
    public sealed interface Next {
        record Run(List<Command> commands) implements Next {
            public Run {
                commands = List.copyOf(commands);
            }
        }

        record Blocked(String problem) implements Next {}
    }

    /**
     * The commands for {@code m.step()}, after checking that what the step relies on is there: the original where the
     * step expects it and untouched since its stop, the copy once it exists. Record and verify have no commands; they
     * are the migrator's own work. {@code poolsRoot} is where Incus mounts its pools.
     */
    public static Next next(InstanceMigration m, Observed seen, String poolsRoot) {
        Optional<String> interfered = elsewhere(m, seen).or(() -> interference(m, seen));
        if (interfered.isPresent()) {
            return new Next.Blocked(interfered.get());
        }
        Next next = m.step().commands(m, seen, poolsRoot);
        return next instanceof Next.Run run ? new Next.Run(scoped(m, run.commands())) : next;
    }

    /** The incus commands among {@code commands} run in {@code m}'s project (rsync needs none: it reads paths). */
    static List<Command> scoped(InstanceMigration m, List<Command> commands) {
        return commands.stream().map(c -> c.inProject(m.project())).toList();
    }

    /**
     * After a graceful stop failed: nothing more when the instance is down after all, a forced stop when the operator
     * allowed one, else why the migration stops here (the instance keeps running).
     */
    public static Next afterFailedStop(InstanceMigration m, Observed seen) {
        Optional<Seen> original = seen.on(m.name(), m.sourcePool());
        if (original.isEmpty() || !original.get().running()) {
            return original.isEmpty() ? new Next.Blocked(gone(m.name(), m.sourcePool())) : new Next.Run(List.of());
        }
        if (m.stop().force()) {
            return new Next.Run(List.of(Incus.stopForced(m.name()).inProject(m.project())));
        }
        return new Next.Blocked("\"" + m.name() + "\" did not stop within "
                + m.stop().timeoutSeconds() + " s: its init may ignore the shutdown"
                + " signal (SIGPWR). It is still running and nothing else was changed. Give --force-stop to stop it "
                + "forcibly after the wait,"
                + " or --stop-timeout with a longer wait");
    }

    /**
     * Why a step runs no command for {@code m} although it usually does: the copy is made before or after the stop, not
     * both.
     */
    public static Optional<String> skipped(InstanceMigration m) {
        return m.step().skipped(m);
    }

    /** A copy as Incus shows it right after {@code incus copy}: stopped, on the target pool, its template pending. */
    static Seen freshCopy(InstanceMigration m, String location) {
        return new Seen(
                m.copyName(), "Stopped", m.targetPool(), Map.of(APPLY_TEMPLATE, "copy"), m.snapshots(), "", location);
    }

    /**
     * The whole copy and each snapshot's hard links back: a pre-copy ({@code live}: the snapshots recorded) or the copy
     * after the stop (the snapshots the original has now, which the copy will hold).
     */
    static List<Command> copyWithSnapshots(InstanceMigration m, Observed seen, boolean live, String poolsRoot) {
        List<Command> commands = new ArrayList<>(leftOvers(m, seen));
        commands.add(Incus.copy(m.name(), m.copyName(), m.targetPool(), seen.member(), live));
        List<String> snapshots = live
                ? m.snapshots()
                : seen.on(m.name(), m.sourcePool()).map(Seen::snapshots).orElse(m.snapshots());
        snapshots.forEach(snapshot -> commands.addAll(syncSnapshot(m, snapshot, poolsRoot)));
        return commands;
    }

    /**
     * After the stop of a pre-copied instance: the snapshots taken (or deleted) while it ran. When the copy's differ
     * from the original's, an incremental copy ({@code --refresh}, the original being stopped) brings the copy's in
     * line, and each snapshot new since the pre-copy gets its hard links back. Nothing when none changed.
     */
    static List<Command> snapshotsSincePreCopy(InstanceMigration m, Observed seen, String poolsRoot) {
        List<String> now =
                seen.on(m.name(), m.sourcePool()).map(Seen::snapshots).orElse(m.snapshots());
        List<String> copied =
                seen.on(m.copyName(), m.targetPool()).map(Seen::snapshots).orElse(List.of());
        List<Command> commands = new ArrayList<>();
        if (!new TreeSet<>(now).equals(new TreeSet<>(copied))) {
            commands.add(Incus.refresh(m.name(), m.copyName(), m.targetPool(), seen.member()));
        }
        now.stream()
                .filter(snapshot -> !m.snapshots().contains(snapshot))
                .forEach(snapshot -> commands.addAll(syncSnapshot(m, snapshot, poolsRoot)));
        return commands;
    }

    /**
     * Whether a copy failed because files vanished while it read them (rsync's exit 24): Incus 6.0 passes that on even
     * with {@code --allow-inconsistent} when it copies a running instance between pools (its sender's error is
     * formatted, not wrapped, so its check for exit 24 never matches), while a running agent deletes files all the
     * time.
     */
    public static boolean vanished(String failure) {
        return failure.contains("file has vanished")
                || failure.contains("some files vanished")
                || failure.matches("(?s).*Rsync (send|receive) failed: .*exit status 24\\b.*");
    }

    /**
     * The pre-copy of a running instance that Incus could not copy between pools (see {@link #vanished}): first to a
     * stage on its own pool, a copy whose rsync takes a vanished file as the normal event it is, then from the stage,
     * which does not change, to the target pool; the stage is deleted. It needs room for a whole copy on the original's
     * pool ({@code freeBytes} there now); without it there is no pre-copy and the copy is made after the stop.
     */
    public static Next throughStage(InstanceMigration m, Observed seen, String poolsRoot, long freeBytes) {
        long needed = m.sizeBytes() + m.sizeBytes() / 10;
        if (freeBytes < needed) {
            return new Next.Blocked("a copy of it on its own pool \"" + m.sourcePool() + "\", which Incus needs to"
                    + " copy a running instance whose files vanish while it reads them, would take "
                    + ByteSize.human(needed) + " and " + ByteSize.human(Math.max(0, freeBytes)) + " are free there");
        }
        List<Command> commands = new ArrayList<>(leftOvers(m, seen));
        commands.add(Incus.copy(m.name(), m.stageName(), m.sourcePool(), seen.member(), true));
        commands.add(Incus.copy(m.stageName(), m.copyName(), m.targetPool(), seen.member(), false));
        commands.add(Incus.deleteForced(m.stageName()));
        m.snapshots().forEach(snapshot -> commands.addAll(syncSnapshot(m, snapshot, poolsRoot)));
        return new Next.Run(scoped(m, commands));
    }

    /**
     * A copy or a stage left by an interrupted run, deleted before a new copy (their operations have ended by now). A
     * new copy of a running instance off a dir pool would freeze it for the whole copy unless told it may be
     * inconsistent; a pre-copy may be, since the delta after the stop and the check of every file make it exact. On a
     * cluster the copy is made on this member (where its files are read), never where Incus's scheduler would put it.
     */
    private static List<Command> leftOvers(InstanceMigration m, Observed seen) {
        List<Command> commands = new ArrayList<>();
        if (seen.on(m.stageName(), m.sourcePool()).isPresent()) {
            commands.add(Incus.deleteForced(m.stageName()));
        }
        if (seen.on(m.copyName(), m.targetPool()).isPresent()) {
            commands.add(Incus.deleteForced(m.copyName()));
        }
        return commands;
    }

    /**
     * Incus copies each snapshot between pools with an rsync that keeps no hard links: the copy's snapshot gets them
     * back from the original's the same way as the live tree, right after the copy (snapshots do not change, so a
     * running agent need not be down for it). On the target (btrfs) a snapshot is a read-only subvolume, writable only
     * for that rsync; repeated after a crash, the three commands do the same again.
     */
    static List<Command> syncSnapshot(InstanceMigration m, String snapshot, String poolsRoot) {
        String target = snapshotVolume(poolsRoot, m.targetPool(), m.project(), m.copyName(), snapshot);
        return List.of(
                HostTools.readOnly(target, false),
                HostTools.sync(
                        snapshotVolume(poolsRoot, m.sourcePool(), m.project(), m.name(), snapshot) + "/rootfs",
                        target + "/rootfs"),
                HostTools.readOnly(target, true));
    }

    /**
     * Where Incus keeps an instance's snapshot on the host (its root filesystem is the rootfs inside), as it does its
     * live volume.
     */
    public static String snapshotVolume(
            String poolsRoot, String pool, String project, String instance, String snapshot) {
        return poolsRoot + "/" + pool + "/containers-snapshots/" + Project.volumeName(project, instance) + "/"
                + snapshot;
    }

    /**
     * Where Incus keeps an instance's root filesystem on the host, mounted for dir and btrfs pools whether it runs or
     * not.
     */
    public static String rootfs(String poolsRoot, String pool, String project, String instance) {
        return poolsRoot + "/" + pool + "/containers/" + Project.volumeName(project, instance) + "/rootfs";
    }

    /**
     * Why nothing may go on, on a cluster, if the instance, its copy or its kept original is on another member than the
     * one taos-host runs on: every file of both is read from this member's disk, and a migration never moves an
     * instance.
     */
    static Optional<String> elsewhere(InstanceMigration m, Observed seen) {
        if (seen.member().isEmpty()) {
            return Optional.empty();
        }
        return Stream.of(m.name(), m.copyName(), m.originalName(), m.stageName())
                .map(seen::get)
                .flatMap(Optional::stream)
                .filter(s -> !s.location().isEmpty() && !s.location().equals(seen.member()))
                .findFirst()
                .map(s -> "\"" + s.name() + "\" is on cluster member \"" + s.location() + "\", not on \""
                        + seen.member() + "\" where taos-host runs;"
                        + " its migration reads every file from the disk of the member it is on, so run "
                        + "taos-host there");
    }

    /**
     * Why the step cannot go on, if something outside the migration changed the original: started again (its disk would
     * no longer match the copy), started and stopped again since its stop (the copy would miss those writes), or gone.
     * Checked from the copy until the original is renamed away.
     */
    static Optional<String> interference(InstanceMigration m, Observed seen) {
        if (m.step().compareTo(MigrationStep.COPY) < 0 || m.step().compareTo(MigrationStep.RENAME_ORIGINAL) > 0) {
            return Optional.empty();
        }
        Optional<Seen> original = seen.on(m.name(), m.sourcePool());
        if (original.isEmpty()) {
            return m.step() == MigrationStep.RENAME_ORIGINAL
                            && seen.on(m.originalName(), m.sourcePool()).isPresent()
                    ? Optional.empty()
                    : Optional.of("\"" + m.name() + "\" is no longer on pool \"" + m.sourcePool()
                            + "\"; something else renamed, moved or deleted it");
        }
        if (original.get().running()) {
            return Optional.of(startedAgain(m.name()));
        }
        if (m.step().compareTo(MigrationStep.COPY) > 0
                && !new TreeSet<>(original.get().snapshots()).equals(new TreeSet<>(m.snapshots()))) {
            return Optional.of("the snapshots of \"" + m.name() + "\" changed during its migration (it has "
                    + original.get().snapshots() + ", its copy " + m.snapshots()
                    + "): the copy would not hold them as they are. Run migrate again to carry them over");
        }
        if (m.lastUsedAt() != null && !m.lastUsedAt().equals(original.get().lastUsedAt())) {
            return Optional.of("\"" + m.name()
                    + "\" was started and stopped again by someone else after its stop for the migration (last started "
                    + original.get().lastUsedAt() + "), so the copy would miss what it wrote meanwhile");
        }
        return Optional.empty();
    }

    private static String startedAgain(String name) {
        return "\"" + name
                + "\" was started by someone else during its migration, so its disk may differ from the copy";
    }

    static String gone(String name, String pool) {
        return "\"" + name + "\" is not on pool \"" + pool + "\" any more; something else renamed, moved or deleted it";
    }

    static String copyGone(InstanceMigration m) {
        return "the copy \"" + m.copyName() + "\" is not on pool \"" + m.targetPool()
                + "\" any more; something else renamed or deleted it";
    }
}

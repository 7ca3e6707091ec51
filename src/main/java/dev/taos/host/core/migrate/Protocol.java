package dev.taos.host.core.migrate;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.migrate.Observed.Seen;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The migration protocol's decisions: the incus commands each step runs, chosen from what Incus shows now, so that a
 * step repeated after a crash does only what is left. Only the copy (on the target pool, under its temporary name) is
 * ever deleted here; the original is deleted by {@code --prune} alone.
 */
public final class Protocol {

    private Protocol() {}

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
        Next next = m.step().next(m, seen, poolsRoot);
        return next instanceof Next.Run run ? new Next.Run(run.work().scoped(m.project())) : next;
    }

    /**
     * After a graceful stop failed: nothing more when the instance is down after all, a forced stop when the operator
     * allowed one, else why the migration stops here (the instance keeps running).
     */
    public static Next afterFailedStop(InstanceMigration m, Observed seen) {
        Optional<Seen> original = seen.on(m.name(), m.sourcePool());
        if (original.isEmpty() || !original.get().running()) {
            return original.isEmpty()
                    ? new Next.Blocked(Copies.gone(m.name(), m.sourcePool()))
                    : Next.commands(List.of());
        }
        if (m.stop().force()) {
            return Next.commands(List.of(Incus.stopForced(m.name()).inProject(m.project())));
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
        List<Command> commands = new ArrayList<>(Copies.leftOvers(m, seen));
        commands.add(Incus.copy(m.name(), m.stageName(), m.sourcePool(), seen.member(), true));
        commands.add(Incus.copy(m.stageName(), m.copyName(), m.targetPool(), seen.member(), false));
        commands.add(Incus.deleteForced(m.stageName()));
        m.snapshots().forEach(snapshot -> commands.addAll(Copies.syncSnapshot(m, snapshot, poolsRoot)));
        return new Next.Run(new Work.PreCopy(commands).scoped(m.project()));
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
}

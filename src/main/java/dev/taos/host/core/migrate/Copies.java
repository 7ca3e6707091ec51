package dev.taos.host.core.migrate;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.HostTools;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.migrate.Observed.Seen;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The copies a migration makes and where they are: the commands that copy an instance and its snapshots to the target
 * pool, where Incus keeps their files, and the words for a copy or an original that is not where it was.
 */
public final class Copies {

    static final String APPLY_TEMPLATE = "volatile.apply_template";

    private Copies() {}

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
     * A copy or a stage left by an interrupted run, deleted before a new copy (their operations have ended by now). A
     * new copy of a running instance off a dir pool would freeze it for the whole copy unless told it may be
     * inconsistent; a pre-copy may be, since the delta after the stop and the check of every file make it exact. On a
     * cluster the copy is made on this member (where its files are read), never where Incus's scheduler would put it.
     */
    static List<Command> leftOvers(InstanceMigration m, Observed seen) {
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

    static boolean originalThere(InstanceMigration m, Observed seen) {
        return seen.on(m.name(), m.sourcePool()).isPresent();
    }

    static boolean copyThere(InstanceMigration m, Observed seen) {
        return seen.on(m.copyName(), m.targetPool()).isPresent();
    }

    static String gone(String name, String pool) {
        return "\"" + name + "\" is not on pool \"" + pool + "\" any more; something else renamed, moved or deleted it";
    }

    static String copyGone(InstanceMigration m) {
        return "the copy \"" + m.copyName() + "\" is not on pool \"" + m.targetPool()
                + "\" any more; something else renamed or deleted it";
    }
}

package dev.taos.host.core.migrate;

import static dev.taos.host.core.migrate.ProtocolTest.COPY;
import static dev.taos.host.core.migrate.ProtocolTest.MARY_RUNNING;
import static dev.taos.host.core.migrate.ProtocolTest.ORIGINAL;
import static dev.taos.host.core.migrate.ProtocolTest.ROOT;
import static dev.taos.host.core.migrate.ProtocolTest.at;
import static dev.taos.host.core.migrate.ProtocolTest.blocked;
import static dev.taos.host.core.migrate.ProtocolTest.commands;
import static dev.taos.host.core.migrate.ProtocolTest.incusOnly;
import static dev.taos.host.core.migrate.ProtocolTest.observed;
import static dev.taos.host.core.migrate.ProtocolTest.renamed;
import static dev.taos.host.core.migrate.ProtocolTest.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.TestCommands;
import dev.taos.host.core.migrate.Observed.Seen;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a working agent does during its migration, as the protocol sees it: snapshots taken or deleted while it runs or
 * after its stop, files that vanish while Incus copies it, and a kept original that holds the only copy of a snapshot.
 */
class WorkingAgentProtocolTest {

    private static Seen withSnapshots(Seen s, List<String> snapshots) {
        return seen(s.name(), s.status(), s.pool(), s.config(), snapshots);
    }

    /**
     * A snapshot the app took while the agent ran (after the pre-copy listed them): after the stop an incremental copy
     * brings it over, and it gets its hard links back; nothing more when none changed.
     */
    @Test
    void aSnapshotTakenWhileItRanIsCarriedOverAfterTheStop() {
        Seen original = withSnapshots(ORIGINAL, List.of("snap0", "pre-update"));
        List<List<String>> commands = commands(at(MigrationStep.COPY), observed(original, COPY));
        assertEquals(
                List.of(List.of("incus", "copy", "mary", "mary-migrating", "--refresh", "--storage", "fast")),
                incusOnly(commands));
        String snapshot = ROOT + "/fast/containers-snapshots/mary-migrating/pre-update";
        assertEquals(
                List.of(
                        "btrfs property set -ts " + snapshot + " ro false",
                        "rsync -aHAX --numeric-ids --delete --sparse --modify-window=-1 --filter=-x security.selinux "
                                + ROOT + "/default/containers-snapshots/mary/pre-update/rootfs/ " + snapshot
                                + "/rootfs/",
                        "btrfs property set -ts " + snapshot + " ro true"),
                commands.subList(1, commands.size()).stream()
                        .map(c -> String.join(" ", c))
                        .toList(),
                "only the new snapshot's hard links are repaired: the others' were at the pre-copy");
        assertEquals(
                List.of(List.of("incus", "copy", "mary", "mary-migrating", "--refresh", "--storage", "fast")),
                commands(at(MigrationStep.COPY), observed(withSnapshots(ORIGINAL, List.of()), COPY)),
                "a snapshot deleted meanwhile goes from the copy too (refresh deletes what the source lacks)");
    }

    /** From the copy on, the copy holds what the original had then: a snapshot taken later stops the migration. */
    @Test
    void aSnapshotTakenAfterTheCopyStopsTheMigrationBeforeTheOriginalIsRenamedAway() {
        Seen later = withSnapshots(ORIGINAL, List.of("snap0", "archive"));
        for (MigrationStep step : List.of(
                MigrationStep.SYNC,
                MigrationStep.VERIFY,
                MigrationStep.CARRY_IDENTITY,
                MigrationStep.RENAME_ORIGINAL)) {
            String problem = blocked(at(step), observed(later, COPY));
            assertTrue(
                    problem.startsWith("the snapshots of \"mary\" changed during its migration (it has [snap0, "
                            + "archive], its copy [snap0])"),
                    step + ": " + problem);
        }
        assertEquals(
                List.of(List.of("incus", "rename", "mary", "mary-pre-migration")),
                commands(at(MigrationStep.RENAME_ORIGINAL), observed(ORIGINAL, COPY)));
    }

    /** Incus's copy of a running instance between pools stops at the first file that vanishes mid-read. */
    @Test
    void aCopyThatFailedOnVanishedFilesIsToldApartFromOtherFailures() {
        assertTrue(Protocol.vanished("Error: Create instance from copy: Rsync send failed: busy, ...: [exit status 24"
                + " ...] (file has vanished: \"/var/lib/incus/storage-pools/d/containers/busy/rootfs/var/tmp/d3/f\""));
        assertTrue(Protocol.vanished("rsync warning: some files vanished before they could be transferred (code 24)"));
        assertTrue(Protocol.vanished("Error: Create instance from copy: Create instance volume from copy failed: Rsync"
                + " receive failed: /var/lib/incus/storage-pools/default/containers/busy-migrating/: [exit status 24]"
                + " ()"));
        assertFalse(Protocol.vanished("Rsync receive failed: /x/: [exit status 23] ()"));
        assertFalse(Protocol.vanished("Error: Failed creating instance record: Instance \"x\" already exists"));
    }

    /**
     * The way around it: a copy on the original's own pool, whose rsync takes a vanished file as the normal event it
     * is, then from that stage (which does not change) to the target pool; the stage is deleted.
     */
    @Test
    void aRunningInstanceIsPreCopiedThroughAStageOnItsOwnPoolWhenThereIsRoom() {
        InstanceMigration m = at(MigrationStep.PRE_COPY);
        var stage = assertInstanceOf(Next.Run.class, Protocol.throughStage(m, observed(MARY_RUNNING), ROOT, 1 << 20));
        assertEquals(
                List.of(
                        List.of(
                                "incus",
                                "copy",
                                "mary",
                                "mary-staging",
                                "--storage",
                                "default",
                                "--allow-inconsistent"),
                        List.of("incus", "copy", "mary-staging", "mary-migrating", "--storage", "fast"),
                        List.of("incus", "delete", "--force", "mary-staging")),
                incusOnly(TestCommands.argvOf(stage.commands())));
        String refused = assertInstanceOf(
                        Next.Blocked.class, Protocol.throughStage(m, observed(MARY_RUNNING), ROOT, 1000))
                .problem();
        assertEquals(
                "a copy of it on its own pool \"default\", which Incus needs to copy a running instance whose files"
                        + " vanish while it reads them, would take 1.1 KiB and 1000 B are free there",
                refused);
        assertEquals(
                List.of("incus", "delete", "--force", "mary-staging"),
                incusOnly(commands(
                                m,
                                observed(
                                        MARY_RUNNING,
                                        seen("mary-staging", "Stopped", "default", java.util.Map.of(), List.of()))))
                        .get(0),
                "a stage a killed run left is deleted before the copy is made again");
    }

    @Test
    void aRollbackDeletesAStageLeftBehind() {
        Seen stage = seen("mary-staging", "Stopped", "default", java.util.Map.of(), List.of());
        var rollback = assertInstanceOf(
                Recovery.Rollback.Commands.class,
                Recovery.rollback(at(MigrationStep.PRE_COPY), observed(MARY_RUNNING, stage)));
        assertEquals(
                List.of(List.of("incus", "delete", "--force", "mary-staging")),
                TestCommands.argvOf(rollback.commands()));
    }

    /** The kept original may hold a snapshot the migrated instance lacks: pruning it would delete the only copy. */
    @Test
    void pruneRefusesAnOriginalHoldingASnapshotTheMigratedInstanceLacks() {
        Seen kept = renamed(withSnapshots(ORIGINAL, List.of("snap0", "archive")), "mary-pre-migration");
        var refused = assertInstanceOf(
                Recovery.Prune.Refused.class,
                Recovery.prune(at(MigrationStep.DONE), observed(kept, renamed(COPY, "mary"))));
        assertTrue(
                refused.problem()
                        .startsWith("its original \"mary-pre-migration\" holds snapshot(s) [archive] that \"mary\""
                                + " lacks, and pruning would delete the only copy."),
                refused.problem());
    }
}

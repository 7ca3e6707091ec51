package dev.taos.host.core.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.TestCommands;
import dev.taos.host.core.migrate.Observed.Seen;
import dev.taos.host.core.plan.StopPolicy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each step's commands and each rollback, decided from what Incus shows, as a repeated step after a crash sees it. */
class ProtocolTest {

    static final String ROOT = "/var/lib/incus/storage-pools";
    static final String STARTED = "2026-11-24T10:00:00.1Z";
    static final Seen MARY_RUNNING = seen(
            "mary",
            "Running",
            "default",
            Map.of(
                    "volatile.eth0.hwaddr",
                    "10:66:6a:aa:bb:cc",
                    "volatile.cloud-init.instance-id",
                    "id-1",
                    "volatile.uuid",
                    "u-1"),
            List.of("snap0"));

    static InstanceMigration at(MigrationStep step) {
        return at(step, StopPolicy.defaults());
    }

    static InstanceMigration at(MigrationStep step, StopPolicy stop) {
        InstanceMigration m =
                InstanceMigration.planned("mary", "default", "fast", 1000, stop).recorded(MARY_RUNNING);
        while (m.step() != step) {
            m = m.step() == MigrationStep.STOP ? m.stoppedAt(STARTED).finished(m.step()) : m.finished(m.step());
        }
        return m;
    }

    static Seen seen(String name, String status, String pool, Map<String, String> config, List<String> snapshots) {
        return new Seen(name, status, pool, config, snapshots, STARTED);
    }

    static Observed observed(Seen... instances) {
        Map<String, Seen> map = new HashMap<>();
        Arrays.stream(instances).forEach(s -> map.put(s.name(), s));
        return new Observed(map);
    }

    static Seen stopped(Seen s) {
        return seen(s.name(), "Stopped", s.pool(), s.config(), s.snapshots());
    }

    /** {@code s} renamed as Incus renames: with a new cloud-init id. */
    static Seen renamed(Seen s, String name) {
        Map<String, String> config = new HashMap<>(s.config());
        config.put("volatile.cloud-init.instance-id", "renewed-by-rename");
        return seen(name, s.status(), s.pool(), config, s.snapshots());
    }

    static List<List<String>> commands(InstanceMigration m, Observed seen) {
        return TestCommands.argvOf(assertInstanceOf(Next.Run.class, Protocol.next(m, seen, ROOT), "blocked")
                .commands());
    }

    /** The incus commands among a step's (a copy's step also repairs each snapshot with rsync). */
    static List<List<String>> incusOnly(List<List<String>> commands) {
        return commands.stream().filter(c -> c.get(0).equals("incus")).toList();
    }

    static String blocked(InstanceMigration m, Observed seen) {
        return assertInstanceOf(Next.Blocked.class, Protocol.next(m, seen, ROOT))
                .problem();
    }

    static final Seen ORIGINAL = stopped(MARY_RUNNING);
    static final Seen COPY =
            seen("mary-migrating", "Stopped", "fast", Map.of("volatile.apply_template", "copy"), List.of("snap0"));
    static final Seen PRE = renamed(ORIGINAL, "mary-pre-migration");

    @Test
    void recordingKeepsIdentityKeysOnly() {
        InstanceMigration m = at(MigrationStep.STOP);
        assertTrue(m.wasRunning());
        assertEquals(
                Map.of("volatile.eth0.hwaddr", "10:66:6a:aa:bb:cc", "volatile.cloud-init.instance-id", "id-1"),
                m.identity());
        assertEquals(List.of("snap0"), m.snapshots());
        assertEquals("mary-pre-migration", m.originalName());
    }

    @Test
    void stopsOnlyARunningOriginalAndWaitsNoLongerThanThePolicySays() {
        assertEquals(
                List.of(List.of("incus", "stop", "mary", "--timeout", "30")),
                commands(at(MigrationStep.STOP), observed(MARY_RUNNING)));
        assertEquals(
                List.of(List.of("incus", "stop", "mary", "--timeout", "120")),
                commands(at(MigrationStep.STOP, new StopPolicy(120, false, true)), observed(MARY_RUNNING)));
        assertEquals(List.of(), commands(at(MigrationStep.STOP), observed(ORIGINAL)));
        assertTrue(blocked(at(MigrationStep.STOP), observed()).contains("is not on pool \"default\" any more"));
    }

    @Test
    void aStopThatTimedOutIsForcedOnlyWithConsentAndOtherwiseRefusedNamingTheFlag() {
        assertEquals(
                List.of(List.of("incus", "stop", "mary", "--force")),
                TestCommands.argvOf(((Next.Run) Protocol.afterFailedStop(
                                at(MigrationStep.STOP, new StopPolicy(30, true, true)), observed(MARY_RUNNING)))
                        .commands()));
        String refused = assertInstanceOf(
                        Next.Blocked.class, Protocol.afterFailedStop(at(MigrationStep.STOP), observed(MARY_RUNNING)))
                .problem();
        assertTrue(
                refused.startsWith(
                        "\"mary\" did not stop within 30 s: its init may ignore the shutdown signal (SIGPWR)."),
                refused);
        assertTrue(refused.contains("Give --force-stop") && refused.contains("--stop-timeout"), refused);
        assertEquals(Next.commands(List.of()), Protocol.afterFailedStop(at(MigrationStep.STOP), observed(ORIGINAL)));
    }

    @Test
    void copyDeletesAnUnverifiedCopyLeftByAKilledRunFirst() {
        StopPolicy noPreCopy = new StopPolicy(30, false, false);
        assertEquals(
                List.of(List.of("incus", "copy", "mary", "mary-migrating", "--storage", "fast")),
                incusOnly(commands(at(MigrationStep.COPY, noPreCopy), observed(ORIGINAL))));
        assertEquals(
                List.of(
                        List.of("incus", "delete", "--force", "mary-migrating"),
                        List.of("incus", "copy", "mary", "mary-migrating", "--storage", "fast")),
                incusOnly(commands(at(MigrationStep.COPY, noPreCopy), observed(ORIGINAL, COPY))));
        assertEquals(List.of(), incusOnly(commands(at(MigrationStep.PRE_COPY, noPreCopy), observed(MARY_RUNNING))));
    }

    /**
     * Without --allow-inconsistent Incus freezes a running instance on a dir pool for the whole copy (seen: a counter
     * stood still).
     */
    @Test
    void aRunningInstanceIsCopiedBeforeItsStopWithoutBeingFrozenAndOnlyBroughtUpToDateAfterIt() {
        List<String> live =
                List.of("incus", "copy", "mary", "mary-migrating", "--storage", "fast", "--allow-inconsistent");
        assertEquals(List.of(live), incusOnly(commands(at(MigrationStep.PRE_COPY), observed(MARY_RUNNING))));
        assertEquals(
                List.of(List.of("incus", "delete", "--force", "mary-migrating"), live),
                incusOnly(commands(at(MigrationStep.PRE_COPY), observed(MARY_RUNNING, COPY))),
                "a pre-copy a killed run left is made again");
        assertEquals(List.of(), incusOnly(commands(at(MigrationStep.COPY), observed(ORIGINAL, COPY))));
        assertTrue(Protocol.skipped(at(MigrationStep.COPY)).orElseThrow().contains("copied while it ran"));
        assertEquals(
                List.of(List.of("incus", "copy", "mary", "mary-migrating", "--storage", "fast")),
                incusOnly(commands(at(MigrationStep.COPY), observed(ORIGINAL))),
                "a pre-copy someone deleted is made again after the stop");
        assertTrue(blocked(at(MigrationStep.PRE_COPY), observed()).contains("is not on pool \"default\" any more"));
    }

    @Test
    void syncBringsHardLinksAclsAndXattrsFromTheOriginalsRootfsToTheCopys() {
        assertEquals(
                List.of(List.of(
                        "rsync",
                        "-aHAX",
                        "--numeric-ids",
                        "--delete",
                        "--sparse",
                        "--modify-window=-1",
                        "--filter=-x security.selinux",
                        ROOT + "/default/containers/mary/rootfs/",
                        ROOT + "/fast/containers/mary-migrating/rootfs/")),
                commands(at(MigrationStep.SYNC), observed(ORIGINAL, COPY)));
    }

    /**
     * Incus's copy between pools keeps no hard links, in the snapshots either (found by comparing them): right after
     * the copy, before any stop, each snapshot gets them back, its read-only btrfs subvolume made writable for the
     * rsync alone.
     */
    @Test
    void eachSnapshotGetsItsHardLinksBackRightAfterTheCopy() {
        String rsync = "rsync -aHAX --numeric-ids --delete --sparse --modify-window=-1 --filter=-x security.selinux ";
        String snapshot = ROOT + "/fast/containers-snapshots/mary-migrating/snap0";
        List<String> repair = List.of(
                "btrfs property set -ts " + snapshot + " ro false",
                rsync + ROOT + "/default/containers-snapshots/mary/snap0/rootfs/ " + snapshot + "/rootfs/",
                "btrfs property set -ts " + snapshot + " ro true");
        List<String> preCopy = commands(at(MigrationStep.PRE_COPY), observed(MARY_RUNNING)).stream()
                .map(c -> String.join(" ", c))
                .toList();
        assertEquals(repair, preCopy.subList(1, preCopy.size()));
        InstanceMigration noPreCopy = at(MigrationStep.COPY, new StopPolicy(30, false, false));
        List<String> copy = commands(noPreCopy, observed(ORIGINAL)).stream()
                .map(c -> String.join(" ", c))
                .toList();
        assertEquals(repair, copy.subList(1, copy.size()));
    }

    /**
     * Incus refuses to start the copy while the kept original holds the same MAC on the network: the original gives it
     * up.
     */
    @Test
    void identityGoesToTheCopyTheOriginalGivesUpItsMacAndAutostart() {
        assertEquals(
                List.of(
                        List.of("incus", "config", "set", "mary-migrating", "volatile.eth0.hwaddr=10:66:6a:aa:bb:cc"),
                        List.of("incus", "config", "unset", "mary-migrating", "volatile.apply_template"),
                        List.of("incus", "config", "unset", "mary", "volatile.eth0.hwaddr"),
                        List.of("incus", "config", "set", "mary", "boot.autostart=false")),
                commands(at(MigrationStep.CARRY_IDENTITY), observed(ORIGINAL, COPY)));
        Seen gaveUp = seen(
                "mary",
                "Stopped",
                "default",
                Map.of("boot.autostart", "false", "volatile.cloud-init.instance-id", "id-1"),
                List.of("snap0"));
        assertEquals(
                List.of(
                        List.of("incus", "config", "set", "mary-migrating", "volatile.eth0.hwaddr=10:66:6a:aa:bb:cc"),
                        List.of("incus", "config", "unset", "mary-migrating", "volatile.apply_template"),
                        List.of("incus", "config", "set", "mary", "boot.autostart=false")),
                commands(at(MigrationStep.CARRY_IDENTITY), observed(gaveUp, COPY)),
                "repeated after a crash: the MAC is already given up");
    }

    /**
     * A repeated rename is skipped; the copy, once it has the name, takes the original's cloud-init id (Incus renewed
     * it).
     */
    @Test
    void renamesAreSkippedWhenAlreadyDone() {
        List<String> id = List.of("incus", "config", "set", "mary", "volatile.cloud-init.instance-id=id-1");
        assertEquals(
                List.of(List.of("incus", "rename", "mary", "mary-pre-migration")),
                commands(at(MigrationStep.RENAME_ORIGINAL), observed(ORIGINAL, COPY)));
        assertEquals(List.of(), commands(at(MigrationStep.RENAME_ORIGINAL), observed(PRE, COPY)));
        assertEquals(
                List.of(List.of("incus", "rename", "mary-migrating", "mary"), id),
                commands(at(MigrationStep.RENAME_COPY), observed(PRE, COPY)));
        assertEquals(
                List.of(id),
                commands(at(MigrationStep.RENAME_COPY), observed(PRE, renamed(COPY, "mary"))),
                "renamed, then killed");
        Seen done =
                seen("mary", "Stopped", "fast", Map.of("volatile.cloud-init.instance-id", "id-1"), List.of("snap0"));
        assertEquals(List.of(), commands(at(MigrationStep.RENAME_COPY), observed(PRE, done)));
        assertEquals(
                List.of(List.of("incus", "rename", "mary-migrating", "mary")),
                commands(
                        at(MigrationStep.RENAME_COPY),
                        new Observed("", Map.of("mary-pre-migration", PRE, "mary-migrating", COPY), true)),
                "a restricted project forbids setting the id");
    }

    /**
     * Without the copy, no step after the copy may pretend to be done: the original would be renamed away for nothing.
     */
    @ParameterizedTest
    @EnumSource(
            value = MigrationStep.class,
            names = {"SYNC", "VERIFY", "CARRY_IDENTITY", "RENAME_ORIGINAL"})
    void aVanishedCopyBlocksEveryStepThatReliesOnIt(MigrationStep step) {
        assertTrue(blocked(at(step), observed(ORIGINAL))
                .startsWith("the copy \"mary-migrating\" is not on pool \"fast\" any more"));
    }

    @Test
    void theSecondRenameAndTheStartCheckWhatTheyRelyOn() {
        assertTrue(blocked(at(MigrationStep.RENAME_COPY), observed(PRE))
                .startsWith("the copy \"mary-migrating\" is not on pool"));
        assertTrue(blocked(
                        at(MigrationStep.RENAME_COPY),
                        observed(PRE, COPY, seen("mary", "Stopped", "other", Map.of(), List.of())))
                .contains("exists again on pool \"other\""));
        assertTrue(
                blocked(at(MigrationStep.START), observed(PRE)).contains("\"mary\" is not on pool \"fast\" any more"));
    }

    @Test
    void startsTheCopyOnlyIfTheOriginalWasRunning() {
        Observed swapped = observed(PRE, renamed(COPY, "mary"));
        assertEquals(List.of(List.of("incus", "start", "mary")), commands(at(MigrationStep.START), swapped));
        InstanceMigration wasStopped = InstanceMigration.planned("mary", "default", "fast", 1, StopPolicy.defaults())
                .recorded(ORIGINAL);
        while (wasStopped.step() != MigrationStep.START) {
            wasStopped = wasStopped.finished(wasStopped.step());
        }
        assertEquals(List.of(), commands(wasStopped, swapped));
    }

    @Test
    void anOriginalStartedBySomeoneElseStopsTheMigration() {
        assertTrue(
                blocked(at(MigrationStep.VERIFY), observed(MARY_RUNNING, COPY)).contains("started by someone else"));
        assertTrue(blocked(at(MigrationStep.COPY), observed()).contains("no longer on pool"));
        assertTrue(blocked(at(MigrationStep.COPY), observed(MARY_RUNNING, COPY)).contains("started by someone else"));
        assertEquals(List.of(), commands(at(MigrationStep.RENAME_ORIGINAL), observed(PRE, COPY)));
    }

    @Test
    void anOriginalStartedAndStoppedAgainSinceItsStopStopsTheMigration() {
        Seen restarted =
                new Seen("mary", "Stopped", "default", ORIGINAL.config(), ORIGINAL.snapshots(), "2026-11-24T10:05:00Z");
        for (MigrationStep step : List.of(
                MigrationStep.COPY,
                MigrationStep.SYNC,
                MigrationStep.VERIFY,
                MigrationStep.CARRY_IDENTITY,
                MigrationStep.RENAME_ORIGINAL)) {
            String problem = blocked(at(step), observed(restarted, COPY));
            assertTrue(
                    problem.contains("was started and stopped again by someone else after its stop for the migration"),
                    step + ": " + problem);
        }
        assertEquals(STARTED, at(MigrationStep.COPY).lastUsedAt());
    }

    /** The original's renames renewed its cloud-init id: a rollback gives it back. */
    static final List<String> ID_BACK =
            List.of("incus", "config", "set", "mary", "volatile.cloud-init.instance-id=id-1");

    static Stream<Arguments> rollbacks() {
        Seen pre = renamed(ORIGINAL, "mary-pre-migration");
        Seen copyAtName = renamed(COPY, "mary");
        return Stream.of(
                Arguments.of(
                        "killed while stopping",
                        MigrationStep.STOP,
                        observed(ORIGINAL),
                        List.of(List.of("incus", "start", "mary"))),
                Arguments.of(
                        "killed during the copy",
                        MigrationStep.COPY,
                        observed(ORIGINAL, COPY),
                        List.of(
                                List.of("incus", "delete", "--force", "mary-migrating"),
                                List.of("incus", "start", "mary"))),
                Arguments.of(
                        "autostart already off and the MAC given up",
                        MigrationStep.RENAME_ORIGINAL,
                        observed(
                                seen(
                                        "mary",
                                        "Stopped",
                                        "default",
                                        Map.of("boot.autostart", "false", "volatile.cloud-init.instance-id", "id-1"),
                                        List.of()),
                                COPY),
                        List.of(
                                List.of("incus", "delete", "--force", "mary-migrating"),
                                        List.of("incus", "config", "unset", "mary", "boot.autostart"),
                                List.of("incus", "config", "set", "mary", "volatile.eth0.hwaddr=10:66:6a:aa:bb:cc"),
                                        List.of("incus", "start", "mary"))),
                Arguments.of(
                        "between the renames",
                        MigrationStep.RENAME_COPY,
                        observed(pre, COPY),
                        List.of(
                                List.of("incus", "rename", "mary-pre-migration", "mary"),
                                ID_BACK,
                                List.of("incus", "delete", "--force", "mary-migrating"),
                                List.of("incus", "start", "mary"))),
                Arguments.of(
                        "the copy running under the name",
                        MigrationStep.DONE,
                        observed(pre, seen("mary", "Running", "fast", Map.of(), List.of("snap0"))),
                        List.of(
                                List.of("incus", "stop", "mary"),
                                List.of("incus", "rename", "mary", "mary-migrating"),
                                List.of("incus", "rename", "mary-pre-migration", "mary"),
                                ID_BACK,
                                List.of("incus", "delete", "--force", "mary-migrating"),
                                List.of("incus", "start", "mary"))),
                Arguments.of(
                        "the original started by someone else",
                        MigrationStep.VERIFY,
                        observed(MARY_RUNNING, COPY),
                        List.of(List.of("incus", "delete", "--force", "mary-migrating"))),
                Arguments.of(
                        "copy under the name, stopped",
                        MigrationStep.START,
                        observed(pre, copyAtName),
                        List.of(
                                List.of("incus", "rename", "mary", "mary-migrating"),
                                List.of("incus", "rename", "mary-pre-migration", "mary"),
                                ID_BACK,
                                List.of("incus", "delete", "--force", "mary-migrating"),
                                List.of("incus", "start", "mary"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rollbacks")
    void rollbackPutsTheOriginalBackAndDeletesOnlyTheCopy(
            String when, MigrationStep step, Observed seen, List<List<String>> expected) {
        var rollback = assertInstanceOf(Recovery.Rollback.Commands.class, Recovery.rollback(at(step), seen));
        assertEquals(expected, TestCommands.argvOf(rollback.commands()));
        assertTrue(
                TestCommands.argvOf(rollback.commands()).stream()
                        .filter(c -> c.get(1).equals("delete"))
                        .allMatch(c -> c.get(3).equals("mary-migrating")),
                "only the copy is ever deleted");
    }

    @Test
    void rollbackRefusesAStateItCannotReadSafely() {
        Observed lost = observed(COPY);
        assertInstanceOf(Recovery.Rollback.Refused.class, Recovery.rollback(at(MigrationStep.VERIFY), lost));
        Observed both = observed(renamed(ORIGINAL, "mary-pre-migration"), renamed(COPY, "mary"), COPY);
        assertInstanceOf(Recovery.Rollback.Refused.class, Recovery.rollback(at(MigrationStep.START), both));
    }

    @Test
    void pruneDeletesTheOriginalOfAFinishedMigrationOnly() {
        Observed done = observed(renamed(ORIGINAL, "mary-pre-migration"), renamed(COPY, "mary"));
        assertEquals(
                List.of("incus", "delete", "mary-pre-migration"),
                ((Recovery.Prune.Delete) Recovery.prune(at(MigrationStep.DONE), done))
                        .command()
                        .argv());
        assertInstanceOf(Recovery.Prune.Refused.class, Recovery.prune(at(MigrationStep.START), done));
        assertInstanceOf(
                Recovery.Prune.Refused.class,
                Recovery.prune(at(MigrationStep.DONE), observed(renamed(ORIGINAL, "mary-pre-migration"))));
        assertInstanceOf(
                Recovery.Prune.Gone.class, Recovery.prune(at(MigrationStep.DONE), observed(renamed(COPY, "mary"))));
    }

    @Test
    void derivedNamesStayValidIncusNames() {
        String long63 = "a".repeat(50) + "-" + "b".repeat(12);
        String derived = InstanceMigration.derivedName(long63, "-pre-migration");
        assertEquals(63, derived.length());
        assertTrue(dev.taos.host.core.plan.Names.validInstanceName(derived), derived);
        assertEquals("a".repeat(49) + "-pre-migration", derived);
    }

    static Seen on(Seen s, String member) {
        return new Seen(s.name(), s.status(), s.pool(), s.config(), s.snapshots(), s.lastUsedAt(), member);
    }

    @Test
    void onAClusterTheCopyIsMadeOnTheMemberTaosHostRunsOnWhichIsTheInstancesOwn() {
        Observed onM3 = new Observed("m3", Map.of("mary", on(MARY_RUNNING, "m3")));
        assertEquals(
                List.of(List.of(
                        "incus",
                        "copy",
                        "mary",
                        "mary-migrating",
                        "--storage",
                        "fast",
                        "--allow-inconsistent",
                        "--target",
                        "m3")),
                incusOnly(commands(at(MigrationStep.PRE_COPY), onM3)));
        assertEquals(
                List.of(List.of("incus", "copy", "mary", "mary-migrating", "--storage", "fast")),
                incusOnly(commands(at(MigrationStep.COPY, new StopPolicy(30, false, false)), observed(ORIGINAL))),
                "standalone: no --target");
    }

    @Test
    void onAClusterNothingGoesOnWhenTheInstanceOrItsCopyIsOnAnotherMember() {
        String moved = blocked(at(MigrationStep.STOP), new Observed("m1", Map.of("mary", on(MARY_RUNNING, "m3"))));
        assertTrue(moved.contains("\"mary\" is on cluster member \"m3\", not on \"m1\" where taos-host runs"), moved);
        String copyElsewhere = blocked(
                at(MigrationStep.VERIFY),
                new Observed("m1", Map.of("mary", on(ORIGINAL, "m1"), "mary-migrating", on(COPY, "m2"))));
        assertTrue(copyElsewhere.contains("\"mary-migrating\" is on cluster member \"m2\""), copyElsewhere);
        assertEquals(
                List.of(),
                commands(
                        at(MigrationStep.VERIFY),
                        new Observed("m1", Map.of("mary", on(ORIGINAL, "m1"), "mary-migrating", on(COPY, "m1")))));
    }
}

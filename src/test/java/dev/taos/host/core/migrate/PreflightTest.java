package dev.taos.host.core.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.StorageFacts;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import dev.taos.host.core.plan.StopPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pre-flight on the captured dir-with-agents host, after setup made a btrfs loop pool "fast" the default. */
class PreflightTest {

    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    static HostFacts host(long poolTotal, long poolUsed, long diskFree, String... extraInstances) {
        return host("btrfs", poolTotal, poolUsed, diskFree, extraInstances);
    }

    static HostFacts host(String targetDriver, long poolTotal, long poolUsed, long diskFree, String... extraInstances) {
        HostFacts captured = Fixtures.host("dir-with-agents");
        IncusFacts incus = captured.incus();
        List<StoragePool> pools = new ArrayList<>(incus.pools());
        pools.add(new StoragePool(
                "fast",
                targetDriver,
                "/var/lib/incus/disks/fast.img",
                true,
                "Created",
                poolTotal,
                poolTotal,
                poolUsed,
                List.of(),
                List.of()));
        List<Instance> instances = new ArrayList<>(incus.instances().stream()
                .map(i -> i.withDiskUsage(i.name().equals("stanley") ? 600 * MIB : 200 * MIB))
                .toList());
        for (String name : extraInstances) {
            instances.add(new Instance(
                    name,
                    "default",
                    "container",
                    "Stopped",
                    "default",
                    false,
                    false,
                    MIB,
                    List.of(),
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    ""));
        }
        IncusFacts withPool = new IncusFacts(
                incus.status(),
                incus.detail(),
                incus.serverVersion(),
                incus.supportedDrivers(),
                pools,
                new IncusFacts.DefaultProfile("fast", false),
                instances,
                incus.managedNetworks(),
                incus.images(),
                incus.cluster(),
                incus.projects());
        StorageFacts s = captured.storage();
        var home = s.incusHome();
        StorageFacts storage = new StorageFacts(
                s.mounts(),
                new StorageFacts.IncusHome(
                        home.path(), true, home.mountPoint(), home.fsType(), home.totalBytes(), diskFree),
                s.rootFsType(),
                s.snapperPresent(),
                s.timeshiftPresent());
        return new HostFacts(
                captured.schemaVersion(),
                captured.host(),
                storage,
                captured.kernel(),
                captured.tools(),
                withPool,
                captured.units(),
                captured.managedFiles(),
                captured.installedConfig(),
                captured.taosApp(),
                captured.appAccess(),
                captured.unreadable());
    }

    static HostFacts roomy() {
        return host(50 * GIB, GIB, 80 * GIB);
    }

    static Preflight.Result check(HostFacts facts, String selection) {
        return Preflight.check(
                facts, MigrateSelection.parse(selection), Optional.empty(), StopPolicy.defaults(), List.of());
    }

    static Refusal refused(Preflight.Result result) {
        return assertInstanceOf(Preflight.Result.Refused.class, result).refusal();
    }

    @Test
    void noSelectionSelectsNothing() {
        assertEquals(
                List.of(),
                assertInstanceOf(Preflight.Result.Ready.class, check(roomy(), "none"))
                        .candidates());
    }

    @Test
    void namedInstancesAreReadyWithSizesAndTheirCustomVolumesNoted() {
        var ready = assertInstanceOf(Preflight.Result.Ready.class, check(roomy(), "mary,stanley"));
        assertEquals("fast", ready.target().name());
        assertEquals(
                List.of("mary", "stanley"),
                ready.candidates().stream().map(c -> c.instance().name()).toList());
        assertEquals(600 * MIB, ready.candidates().get(1).bytes());
        assertEquals(
                List.of("\"stanley\" uses the custom volume default/stanley-data: it stays where it is and stays "
                        + "attached."),
                ready.notes());
    }

    @Test
    void aTargetThatIsNotCopyOnWriteIsRefused() {
        Refusal refusal = refused(Preflight.check(
                roomy(), MigrateSelection.parse("mary"), Optional.of("default"), StopPolicy.defaults(), List.of()));
        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertTrue(refusal.problem().contains("pool \"default\" is dir, not copy-on-write"), refusal.problem());
        refused(Preflight.check(
                roomy(), MigrateSelection.parse("mary"), Optional.of("nope"), StopPolicy.defaults(), List.of()));
    }

    @Test
    void aPoolTooSmallForTheInstancesWithSnapshotsIsRefusedWithNumbers() {
        Refusal refusal = refused(check(host(GIB, 300 * MIB, 80 * GIB), "mary,stanley"));
        assertEquals(Reason.UNSUPPORTED_HOST, refusal.reason());
        assertEquals(
                "the selected instances need 800.0 MiB with their snapshots, 1.0 GiB with a reserve, but pool \"fast\" "
                        + "has 724.0 MiB free",
                refusal.problem());
        assertTrue(
                refusal.remedies().get(0).startsWith("grow the pool: incus storage set fast size="),
                refusal.remedies().toString());
        assertInstanceOf(Preflight.Result.Ready.class, check(host(GIB, 300 * MIB, 80 * GIB), "mary"));
    }

    @Test
    void theRealDiskUnderASparseLoopFileCountsToo() {
        Refusal refusal = refused(check(host(50 * GIB, GIB, 500 * MIB), "mary,stanley"));
        assertTrue(
                refusal.problem().contains("the disk under pool \"fast\"'s loop file (/) has 500.0 MiB free"),
                refusal.problem());
    }

    @Test
    void anUnfinishedMigrationMustBeResumedOrRolledBackFirst() {
        InstanceMigration interrupted = InstanceMigration.planned(
                        "naira", "default", "fast", MIB, StopPolicy.defaults())
                .starting(MigrationStep.COPY);
        Refusal refusal = refused(Preflight.check(
                roomy(),
                MigrateSelection.parse("mary"),
                Optional.empty(),
                StopPolicy.defaults(),
                List.of(interrupted)));
        assertTrue(refusal.problem().contains("naira: step 4/10"), refusal.problem());
        assertEquals(
                List.of("finish it: taos-host migrate --resume", "or undo it: taos-host migrate --rollback"),
                refusal.remedies());
    }

    @Test
    void aNameTheProtocolNeedsMustBeFree() {
        Refusal refusal = refused(check(host(50 * GIB, GIB, 80 * GIB, "mary-pre-migration"), "mary"));
        assertTrue(refusal.problem().startsWith("an instance named \"mary-pre-migration\" exists"), refusal.problem());
    }

    @Test
    void unknownInstancesAndUnmeasuredSizesAreRefused() {
        assertTrue(refused(check(roomy(), "bob")).problem().contains("there is no instance named \"bob\""));
        HostFacts unmeasured = roomy().withIncus(roomy().incus()
                .withInstances(roomy().incus().instances().stream()
                        .map(i -> i.withDiskUsage(-1))
                        .toList()));
        assertTrue(refused(check(unmeasured, "mary")).problem().contains("could not be measured"));
    }

    /**
     * Incus mounts zfs, lvm and ceph volumes only while the instance runs: refused before anything stops, never late.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zfs", "lvm", "ceph"})
    void aTargetWhoseStoppedVolumesAreNotMountedIsRefusedUpFront(String driver) {
        Refusal refusal = refused(check(host(driver, 50 * GIB, GIB, 80 * GIB), "mary"));
        assertEquals(Reason.UNSUPPORTED_HOST, refusal.reason());
        assertTrue(
                refusal.problem()
                        .startsWith("the target pool \"fast\" is " + driver
                                + ", whose volumes Incus mounts only while the instance runs"),
                refusal.problem());
        assertEquals("migrate to a btrfs pool: --to POOL", refusal.remedies().get(0));
    }

    @Test
    void withoutRsyncNothingStops() {
        HostFacts facts = roomy();
        java.util.Map<String, Boolean> tools = new java.util.HashMap<>(facts.tools());
        tools.put("rsync", false);
        HostFacts noRsync = new HostFacts(
                facts.schemaVersion(),
                facts.host(),
                facts.storage(),
                facts.kernel(),
                tools,
                facts.incus(),
                facts.units(),
                facts.managedFiles(),
                facts.installedConfig(),
                facts.taosApp(),
                facts.appAccess(),
                facts.unreadable());
        assertTrue(refused(check(noRsync, "mary")).problem().startsWith("rsync is not installed"));
    }

    @Test
    void theDowntimeOfARunningInstanceComesWithItsLongestStopWait() {
        var ready = assertInstanceOf(
                Preflight.Result.Ready.class,
                Preflight.check(
                        roomy(),
                        MigrateSelection.parse("mary,naira"),
                        Optional.empty(),
                        new StopPolicy(45, false, true),
                        List.of()));
        assertEquals(45, ready.candidates().get(0).stopWaitSeconds());
        assertEquals(0, ready.candidates().get(1).stopWaitSeconds(), "naira is stopped: nothing to wait for");
    }

    @Test
    void downtimeGrowsWithSizeAndAPreCopyTakesTheCopyOutOfIt() {
        StopPolicy preCopy = StopPolicy.defaults();
        StopPolicy copyAfterStop = new StopPolicy(30, false, false);
        assertEquals(3, Preflight.downtimeSeconds(0, preCopy));
        assertEquals(5, Preflight.downtimeSeconds(0, copyAfterStop));
        assertTrue(Preflight.downtimeSeconds(10 * GIB, preCopy) > Preflight.downtimeSeconds(GIB, preCopy));
        assertTrue(Preflight.downtimeSeconds(GIB, preCopy) < Preflight.downtimeSeconds(GIB, copyAfterStop));
    }
}

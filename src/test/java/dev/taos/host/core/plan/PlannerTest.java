package dev.taos.host.core.plan;

import static dev.taos.host.core.ByteSize.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.facts.Distro;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.plan.PlanOutcome.Plan;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import dev.taos.host.core.plan.Step.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each case from the foundation issue, on hosts captured from a real Incus 6.0.4 daemon. */
class PlannerTest {

    private static final InstallRequest DEFAULTS = InstallRequest.defaults();

    static Plan plan(HostFacts facts, InstallRequest request) {
        return assertInstanceOf(Plan.class, Planner.plan(facts, request));
    }

    static Refusal refusal(HostFacts facts, InstallRequest request) {
        return assertInstanceOf(Refusal.class, Planner.plan(facts, request));
    }

    static List<Kind> kinds(Plan plan) {
        return plan.steps().stream().map(Step::kind).toList();
    }

    static List<String> commands(Step step) {
        return step.actions().stream().map(Action::display).toList();
    }

    @Test
    void freshHostGetsABtrfsLoopPoolNamedDefaultOnTheProfileRoot() {
        Plan plan = plan(Fixtures.host("fresh"), DEFAULTS);
        assertEquals(List.of(Kind.CREATE_POOL, Kind.SET_PROFILE_ROOT, Kind.CREATE_NETWORK), kinds(plan));
        assertEquals(
                List.of("incus storage create default btrfs size=50GiB"),
                commands(plan.steps().get(0)));
        assertEquals(50 * GIB, plan.steps().get(0).spaceNeededBytes());
        assertEquals(
                List.of("incus profile device add default root disk path=/ pool=default"),
                commands(plan.steps().get(1)));
        assertEquals(
                List.of(
                        "incus network create incusbr0",
                        "incus profile device add default eth0 nic network=incusbr0 name=eth0"),
                commands(plan.steps().get(2)));
        assertTrue(
                plan.notes().stream().anyMatch(n -> n.startsWith("Loop file: size 50.0 GiB")),
                plan.notes().toString());
    }

    @Test
    void withoutIncusABackendIsUnavailableForWhatTheHostLacksNotForADaemonThatIsNotThereYet() {
        var options = BackendOption.options(Fixtures.host("not-installed"), DEFAULTS);
        String zfs = options.stream()
                .filter(o -> o.driver() == DriverChoice.ZFS)
                .findFirst()
                .orElseThrow()
                .unavailable()
                .orElseThrow();
        assertEquals(
                "zfs loop file: Incus is not installed yet; once it is, it will support dir, btrfs here, not zfs: the "
                        + "kernel's zfs module or the"
                        + " zfs tools (zfs, zpool) are missing",
                zfs);
        String lvm = options.stream()
                .filter(o -> o.driver() == DriverChoice.LVM)
                .findFirst()
                .orElseThrow()
                .unavailable()
                .orElseThrow();
        assertTrue(lvm.endsWith("not lvm: lvm2 or thin-provisioning-tools (lvm, thin_check) are missing"), lvm);
    }

    @Test
    void missingIncusOnBookwormIsInstalledFromBackportsThenPlannedAsFresh() {
        Plan plan = plan(Fixtures.host("not-installed"), DEFAULTS);
        assertEquals(
                List.of(Kind.INSTALL_INCUS, Kind.CREATE_POOL, Kind.SET_PROFILE_ROOT, Kind.CREATE_NETWORK), kinds(plan));
        Step install = plan.steps().get(0);
        assertEquals(
                new Action.WriteFile(IncusInstallation.BACKPORTS_FILE, "0644", IncusInstallation.BACKPORTS_SOURCES),
                install.actions().get(0));
        assertEquals(
                List.of(
                        "write /etc/apt/sources.list.d/bookworm-backports.sources (mode 0644)",
                        "apt-get update",
                        "env DEBIAN_FRONTEND=noninteractive apt-get install -y -t bookworm-backports incus btrfs-progs",
                        "incus admin waitready --timeout=120"),
                commands(install));
        assertEquals(
                List.of("incus storage create default btrfs size=50GiB"),
                commands(plan.steps().get(1)));
    }

    @Test
    void missingIncusOnTrixieAndUbuntuComesFromTheMainArchives() {
        HostFacts trixie = Hosts.withDistro(
                Fixtures.host("not-installed"), new Distro("debian", "13", "trixie", "Debian GNU/Linux 13 (trixie)"));
        HostFacts noble = Hosts.withDistro(
                Fixtures.host("not-installed"), new Distro("ubuntu", "24.04", "noble", "Ubuntu 24.04 LTS"));
        for (HostFacts facts : List.of(trixie, noble)) {
            assertEquals(
                    List.of(
                            "apt-get update",
                            "env DEBIAN_FRONTEND=noninteractive apt-get install -y incus btrfs-progs",
                            "incus admin waitready --timeout=120"),
                    commands(plan(facts, DEFAULTS).steps().get(0)));
        }
    }

    @Test
    void missingIncusOnAnOldDistributionIsRefused() {
        HostFacts jammy = Hosts.withDistro(
                Fixtures.host("not-installed"), new Distro("ubuntu", "22.04", "jammy", "Ubuntu 22.04 LTS"));
        Refusal refusal = refusal(jammy, DEFAULTS);
        assertEquals(Reason.UNSUPPORTED_HOST, refusal.reason());
        assertTrue(
                refusal.message().startsWith("Failed to plan the Incus installation: Ubuntu 22.04 LTS is not"),
                refusal.message());
    }

    @Test
    void emptyDirPoolIsRecreatedAsBtrfsUnderItsNameWithARevertPath() {
        Plan plan = plan(Fixtures.host("dir-empty"), DEFAULTS);
        assertEquals(List.of(Kind.RECREATE_POOL, Kind.CREATE_NETWORK), kinds(plan));
        Step recreate = plan.steps().get(0);
        assertEquals(
                List.of(
                        "incus profile device remove default root",
                        "incus storage delete default",
                        "incus storage create default btrfs size=50GiB",
                        "incus profile device add default root disk path=/ pool=default"),
                commands(recreate));
        assertEquals(
                List.of(
                        "incus profile device remove default root",
                        "incus storage delete default",
                        "incus storage create default dir",
                        "incus profile device add default root disk path=/ pool=default"),
                recreate.revert().stream().map(Action::display).toList());
    }

    @Test
    void dirPoolWithInstancesGetsANewPoolAndPinsThemWithoutMigrating() {
        Plan plan = plan(Fixtures.host("dir-with-agents"), DEFAULTS);
        assertEquals(
                List.of(Kind.CREATE_POOL, Kind.PIN_INSTANCES, Kind.SET_PROFILE_ROOT, Kind.CREATE_NETWORK), kinds(plan));
        assertEquals(
                List.of("incus storage create taos-btrfs btrfs size=50GiB"),
                commands(plan.steps().get(0)));
        assertEquals(
                List.of(
                        "incus config device override mary root",
                        "incus config device override naira root",
                        "incus config device override stanley root"),
                commands(plan.steps().get(1)));
        assertEquals(
                List.of("incus profile device set default root pool=taos-btrfs"),
                commands(plan.steps().get(2)));
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("Existing instances stay where they are (3)")));
    }

    @Test
    void migratingAnInstanceThatDoesNotExistIsInvalid() {
        Refusal refusal = refusal(Fixtures.host("dir-with-agents"), Hosts.migrating("mary,ghost"));
        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertEquals(
                "Failed to plan the migration of \"ghost\": there is no instance named \"ghost\"", refusal.message());
        assertEquals(List.of("existing instances: mary, naira, stanley"), refusal.remedies());
    }

    @Test
    void poolNameThatHoldsDataIsNeverReused() {
        Refusal refusal = refusal(
                Fixtures.host("dir-with-agents"), Hosts.request(DriverChoice.AUTO, "default", null, null, "none"));
        assertEquals(Reason.INVALID_REQUEST, refusal.reason());
        assertTrue(refusal.problem().contains("holds 3 instance(s) and 1 custom volume(s)"), refusal.problem());
    }

    @Test
    void btrfsHostGetsASubvolumePoolWithoutLoopFile() {
        Plan plan = plan(Fixtures.host("btrfs-host"), DEFAULTS);
        Step create = plan.steps().get(0);
        assertEquals(
                List.of("incus storage create default btrfs source=/var/lib/incus/storage-pools/default"),
                commands(create));
        assertEquals(0, create.spaceNeededBytes());
        assertTrue(plan.sizing().isEmpty());
    }

    @Test
    void loopFileOnBtrfsHostIsRefusedWithTheReason() {
        Refusal refusal =
                refusal(Fixtures.host("btrfs-host"), Hosts.request(DriverChoice.AUTO, null, "20GiB", null, "none"));
        assertEquals(Reason.UNSUPPORTED_HOST, refusal.reason());
        assertTrue(refusal.problem().contains("would stack copy-on-write on the host's btrfs"), refusal.problem());
        assertTrue(
                refusal.remedies().get(0).startsWith("drop --size"),
                refusal.remedies().toString());
    }

    @Test
    void withoutBtrfsZfsIsChosenThenLvmThin() {
        HostFacts zfs = Hosts.withDrivers(Fixtures.host("no-cow-driver"), "dir", "zfs", "lvm");
        assertEquals(
                List.of("incus storage create default zfs size=50GiB"),
                commands(plan(zfs, DEFAULTS).steps().get(0)));
        HostFacts lvm = Hosts.withDrivers(Fixtures.host("no-cow-driver"), "dir", "lvm");
        assertEquals(
                List.of("incus storage create default lvm size=50GiB lvm.use_thinpool=true"),
                commands(plan(lvm, DEFAULTS).steps().get(0)));
        HostFacts dataset = Hosts.withDrivers(Fixtures.host("no-cow-driver"), "dir", "zfs");
        assertEquals(
                List.of("incus storage create default zfs source=tank/incus"),
                commands(plan(dataset, Hosts.request(DriverChoice.ZFS, null, null, "tank/incus", "none"))
                        .steps()
                        .get(0)));
    }

    @Test
    void noCopyOnWriteDriverIsRefusedWithThePackagesThatWouldEnableOne() {
        Refusal refusal = refusal(Fixtures.host("no-cow-driver"), DEFAULTS);
        assertEquals(Reason.UNSUPPORTED_HOST, refusal.reason());
        assertTrue(
                refusal.problem().contains("the Incus daemon does not support btrfs (it supports: dir)"),
                refusal.problem());
        assertTrue(
                refusal.remedies()
                        .contains("btrfs: apt-get install btrfs-progs, then restart Incus (systemctl restart incus)"),
                refusal.remedies().toString());
        assertTrue(refusal.remedies().stream().anyMatch(r -> r.startsWith("zfs: apt-get install")));
        assertTrue(refusal.remedies().stream()
                .anyMatch(r -> r.startsWith("lvm: apt-get install lvm2 thin-provisioning-tools")));
    }

    @Test
    void explicitDriverTheDaemonLacksIsRefused() {
        Refusal refusal = refusal(Fixtures.host("fresh"), Hosts.request(DriverChoice.ZFS, null, null, null, "none"));
        assertEquals(
                "Failed to plan a zfs pool: no way to create one applies on this host:\n"
                        + "  - zfs loop file: the Incus daemon does not support zfs (it supports: btrfs, dir)",
                refusal.message());
    }

    @Test
    void copyOnWriteDefaultPoolIsNothingToDo() {
        Plan plan = plan(Fixtures.host("btrfs-already"), DEFAULTS);
        assertTrue(plan.nothingToDo());
        assertEquals("Nothing to do: the host already launches agents copy-on-write.", plan.summary());
    }

    /** An explicit flag is honoured or refused, never dropped: a provisioning script must not believe it got ZFS. */
    @Test
    void anExplicitDriverOnAHostAlreadyCopyOnWriteIsHonouredOrRefused() {
        Refusal refusal =
                refusal(Fixtures.host("btrfs-already"), Hosts.request(DriverChoice.ZFS, null, null, null, "none"));
        assertEquals(Reason.UNSUPPORTED_HOST, refusal.reason());
        assertTrue(refusal.problem().contains("the Incus daemon does not support zfs"), refusal.problem());
        Plan zfs = plan(
                Hosts.withDrivers(Fixtures.host("btrfs-already"), "btrfs", "dir", "zfs"),
                Hosts.request(DriverChoice.ZFS, null, null, null, "none"));
        assertEquals(
                List.of("incus storage create taos-zfs zfs size=50GiB"),
                commands(zfs.steps().get(0)));
        assertTrue(kinds(zfs).contains(Kind.SET_PROFILE_ROOT), kinds(zfs).toString());
        assertTrue(plan(Fixtures.host("btrfs-already"), Hosts.request(DriverChoice.BTRFS, null, null, null, "none"))
                .nothingToDo());
    }

    @Test
    void aSizeOrSourceForAPoolThatExistsIsRefusedNotDropped() {
        Refusal size =
                refusal(Fixtures.host("btrfs-already"), Hosts.request(DriverChoice.AUTO, null, "20GiB", null, "none"));
        assertEquals(Reason.INVALID_REQUEST, size.reason());
        assertEquals(
                "Failed to plan the pool size: pool \"default\" already exists (btrfs, 8.0 GiB loop file) and is used "
                        + "as it is,"
                        + " so --size 20GiB would not be applied",
                size.message());
        assertEquals(
                List.of(
                        "leave --size out",
                        "or grow the pool yourself (a loop file grows, never shrinks): incus storage set default "
                                + "size=20GiB"),
                size.remedies());
        assertTrue(refusal(
                        Fixtures.host("btrfs-already"),
                        Hosts.request(DriverChoice.AUTO, null, null, "/dev/sdb", "none"))
                .problem()
                .endsWith("so --source /dev/sdb would not be used"));
        assertTrue(
                plan(Fixtures.host("btrfs-already"), Hosts.request(DriverChoice.AUTO, null, "8GiB", null, "none"))
                        .nothingToDo(),
                "the size it already has is honoured");
    }

    /**
     * A NIC added to the default profile is hot-plugged into every running instance that uses it: each gets its own
     * eth0 first (a none device where it has no NIC), and a failure undoes the profile, the bridge and the pins in
     * turn.
     */
    @Test
    void theBridgeNeverReachesExistingInstances() {
        Plan plan = plan(Fixtures.host("dir-with-agents"), DEFAULTS);
        Step bridge = plan.steps().get(plan.steps().size() - 1);
        assertEquals(Kind.CREATE_NETWORK, bridge.kind());
        assertEquals(
                List.of(
                        "incus config device add mary eth0 none",
                        "incus config device add naira eth0 none",
                        "incus config device add stanley eth0 none",
                        "incus network create incusbr0",
                        "incus profile device add default eth0 nic network=incusbr0 name=eth0"),
                commands(bridge));
        assertEquals(
                List.of(
                        "incus profile device remove default eth0",
                        "incus network delete incusbr0",
                        "incus config device remove stanley eth0",
                        "incus config device remove naira eth0",
                        "incus config device remove mary eth0"),
                bridge.revert().stream().map(Action::display).toList());
        assertTrue(bridge.changes().get(4).undoneIfItFails(), "Incus keeps a profile change whose hot-plug failed");
        assertTrue(
                bridge.description().endsWith("existing instances keep their network as it is (mary, naira, stanley)"),
                bridge.description());
    }

    @Test
    void daemonDownIsRefusedWithHowToStartIt() {
        Refusal refusal = refusal(Fixtures.host("daemon-down"), DEFAULTS);
        assertEquals(Reason.UNSUPPORTED_HOST, refusal.reason());
        assertTrue(refusal.problem().startsWith("the Incus daemon does not answer"), refusal.problem());
        assertTrue(
                refusal.remedies().get(0).contains("incusd"), refusal.remedies().toString());
    }

    @Test
    void loopSizeFollowsTheFilesystemAndRefusesWhenItCannotFit() {
        HostFacts small = Hosts.withIncusHome(Fixtures.host("fresh"), 40 * GIB, 30 * GIB);
        assertEquals(
                List.of("incus storage create default btrfs size=10GiB"),
                commands(plan(small, DEFAULTS).steps().get(0)));
        HostFacts full = Hosts.withIncusHome(Fixtures.host("fresh"), 40 * GIB, 6 * GIB);
        Refusal refusal = refusal(full, DEFAULTS);
        assertEquals(Reason.UNSUPPORTED_HOST, refusal.reason());
        assertTrue(refusal.problem().contains("6.0 GiB of 40.0 GiB free"), refusal.problem());
        Refusal tooBig =
                refusal(Fixtures.host("fresh"), Hosts.request(DriverChoice.AUTO, null, "100TiB", null, "none"));
        assertTrue(tooBig.problem().startsWith("a loop file of 100.0 TiB does not fit"), tooBig.problem());
    }
}

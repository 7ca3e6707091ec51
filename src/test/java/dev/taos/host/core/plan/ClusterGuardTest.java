package dev.taos.host.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.ByteSize;
import dev.taos.host.core.facts.ClusterFacts;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.migrate.MigrationPreview;
import dev.taos.host.core.plan.PlanOutcome.Plan;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * On member m1 of a real three-member cluster (fixture "cluster": a dir pool "legacy" with instances two on m2 and
 * three on m3).
 */
class ClusterGuardTest {

    private final HostFacts member = Fixtures.host("cluster");

    @Test
    void theCapturedClusterIsReadWithItsMembers() {
        ClusterFacts cluster = member.incus().cluster();
        assertEquals("m1", cluster.thisMember());
        assertEquals(
                List.of("m1", "m2", "m3"),
                cluster.members().stream().map(ClusterFacts.Member::name).toList());
        for (ClusterFacts.Member m : cluster.members()) {
            assertTrue(m.online() && m.unreadable().isEmpty(), m.toString());
            assertEquals(List.of("btrfs", "dir"), m.supportedDrivers(), m.name());
            assertEquals(
                    "legacy Created /var/lib/incus/storage-pools/legacy",
                    m.pools().get(0).name() + " " + m.pools().get(0).status() + " "
                            + m.pools().get(0).source(),
                    m.name());
            assertTrue(m.pools().get(0).totalBytes() > 0, m.toString());
        }
        assertEquals("m2", member.incus().instance("two").orElseThrow().location());
        assertEquals("m3", member.incus().instance("three").orElseThrow().location());
        assertEquals(
                "",
                Fixtures.host("dir-with-agents")
                        .incus()
                        .instance("mary")
                        .orElseThrow()
                        .location(),
                "Incus's \"none\" reads as no member");
        assertTrue(
                Fixtures.ALL.stream()
                        .noneMatch(name -> Fixtures.host(name).incus().cluster().clustered()),
                "standalone daemons are no cluster");
    }

    @Test
    void setupMakesThePoolPendingOnEachMemberThenForTheClusterAndTheBridgeAlike() {
        Plan plan = assertInstanceOf(Plan.class, Planner.plan(member, InstallRequest.defaults()));
        List<String> create = commands(plan, Step.Kind.CREATE_POOL);
        assertEquals(4, create.size(), create.toString());
        for (int n = 1; n <= 3; n++) {
            assertTrue(
                    create.get(n - 1)
                            .matches("incus storage create " + plan.pool() + " btrfs size=\\d+GiB --target m" + n),
                    create.toString());
        }
        assertEquals("incus storage create " + plan.pool() + " btrfs", create.get(3));
        assertEquals(
                List.of("incus config device override three root", "incus config device override two root"),
                commands(plan, Step.Kind.PIN_INSTANCES).stream().sorted().toList());
        List<String> bridge = commands(plan, Step.Kind.CREATE_NETWORK);
        assertTrue(
                bridge.containsAll(List.of(
                        "incus network create incusbr0 --target m1",
                        "incus network create incusbr0 --target m3",
                        "incus network create incusbr0")),
                bridge.toString());
        assertTrue(
                plan.notes().stream().anyMatch(n -> n.contains("Run taos-host setup on m2, m3 as well")),
                plan.notes().toString());
        assertTrue(
                plan.notes().stream().anyMatch(n -> n.startsWith("Loop file on m3: size ")),
                plan.notes().toString());
    }

    @Test
    void setupIsRefusedWithAMemberOfflineOrWithoutTheDriverNamingIt() {
        Refusal offline = refusal(
                withMembers(m -> m.name().equals("m3")
                        ? new ClusterFacts.Member(
                                "m3",
                                "Offline",
                                m.architecture(),
                                "No heartbeat",
                                List.of(),
                                List.of(),
                                "it is offline: No heartbeat")
                        : m),
                InstallRequest.defaults());
        assertTrue(
                offline.message().contains("member \"m3\" (it is offline: No heartbeat) cannot take part now"),
                offline.message());
        Refusal noBtrfs = refusal(
                withMembers(m -> m.name().equals("m2")
                        ? new ClusterFacts.Member(
                                "m2", m.status(), m.architecture(), m.message(), List.of("dir"), m.pools(), "")
                        : m),
                InstallRequest.defaults().withDriver(DriverChoice.BTRFS));
        assertTrue(
                noBtrfs.message()
                        .contains("every member needs the btrfs driver for the pool, and m2 (supports: dir) does not "
                                + "have it"),
                noBtrfs.message());
    }

    @Test
    void anEmptyDirPoolIsNotMadeAgainOnAClusterButANewPoolMadeBesideIt() {
        IncusFacts i = member.incus();
        var p = i.pool("legacy").orElseThrow();
        var unused = new dev.taos.host.core.facts.StoragePool(
                p.name(),
                p.driver(),
                p.source(),
                p.loopBacked(),
                p.status(),
                p.configuredSize(),
                p.totalBytes(),
                p.usedBytes(),
                List.of("/1.0/profiles/default"),
                p.customVolumes());
        HostFacts empty = member.withIncus(new IncusFacts(
                i.status(),
                i.detail(),
                i.serverVersion(),
                i.supportedDrivers(),
                List.of(unused),
                i.defaultProfile(),
                List.of(),
                i.managedNetworks(),
                i.images(),
                i.cluster(),
                i.projects()));
        Plan plan = assertInstanceOf(Plan.class, Planner.plan(empty, InstallRequest.defaults()));
        assertEquals("taos-btrfs", plan.pool());
        assertTrue(
                plan.steps().stream().noneMatch(s -> s.kind() == Step.Kind.RECREATE_POOL),
                plan.steps().toString());
        Refusal named = refusal(empty, InstallRequest.defaults().withPool(Optional.of("legacy")));
        assertTrue(
                named.message()
                        .contains("pool \"legacy\" would be deleted and made again, which taos-host does not do on a "
                                + "cluster"),
                named.message());
    }

    @Test
    void aMemberWhoseFreeSpaceIsUnknownNeedsASize() {
        HostFacts unknown = withMembers(m -> m.name().equals("m2")
                ? new ClusterFacts.Member(
                        "m2", m.status(), m.architecture(), m.message(), m.supportedDrivers(), List.of(), "")
                : m);
        Refusal refusal = refusal(unknown, InstallRequest.defaults());
        assertTrue(
                refusal.message().contains("the free space on member \"m2\" is not known to taos-host"),
                refusal.message());
        Plan sized = assertInstanceOf(
                Plan.class,
                Planner.plan(unknown, InstallRequest.defaults().withSize(Optional.of(ByteSize.parse("20GiB")))));
        assertTrue(
                commands(sized, Step.Kind.CREATE_POOL)
                        .contains("incus storage create " + sized.pool() + " btrfs size=20GiB --target m2"),
                commands(sized, Step.Kind.CREATE_POOL).toString());
    }

    @Test
    void anInstanceOnAnotherMemberIsRefusedNamingTheMemberToRunOn() {
        var chosen = MigrationChoice.select(member.incus(), MigrateSelection.parse("three"));
        Refusal refusal =
                assertInstanceOf(MigrationChoice.Result.Refused.class, chosen).refusal();
        assertTrue(
                refusal.message()
                        .startsWith(
                                "Failed to plan the migration of \"three\": \"three\" is on cluster member \"m3\", and "
                                        + "taos-host"
                                        + " migrates the instances of the member it runs on (\"m1\")"),
                refusal.message());
        assertEquals(List.of("run it on m3: taos-host migrate --instances three"), refusal.remedies());
        Refusal inSetup = refusal(member, InstallRequest.defaults().withMigrate(MigrateSelection.parse("two")));
        assertTrue(inSetup.message().contains("\"two\" is on cluster member \"m2\""), inSetup.message());
    }

    @Test
    void onItsOwnMemberAnInstanceIsChosenAndCopiedThereWhileTheOthersAreNamedWithTheirMember() {
        HostFacts onM3 = withMembers(UnaryOperator.identity(), "m3");
        var all = assertInstanceOf(
                MigrationChoice.Result.Selected.class,
                MigrationChoice.select(onM3.incus(), new MigrateSelection.All()));
        assertEquals(
                List.of("three"), all.instances().stream().map(i -> i.name()).toList());
        assertEquals(
                "Instances on other members migrate on their own member: run taos-host migrate there for two (on m2).",
                all.elsewhereNote().orElseThrow());
        Plan plan = assertInstanceOf(
                Plan.class, Planner.plan(onM3, InstallRequest.defaults().withMigrate(new MigrateSelection.All())));
        assertTrue(
                plan.notes().contains(all.elsewhereNote().get()), plan.notes().toString());
        Step preview = MigrationPreview.step(
                all.instances().get(0), plan.pool(), StopPolicy.defaults(), "/var/lib/incus/storage-pools", false);
        assertTrue(
                preview.actions().stream()
                        .map(a -> a instanceof Action.Run run ? String.join(" ", run.argv()) : "")
                        .anyMatch(c -> c.startsWith("incus copy three three-migrating --storage " + plan.pool())
                                && c.endsWith(" --target m3")),
                preview.actions().toString());
        assertTrue(
                MigrationChoice.select(member.incus(), new MigrateSelection.All())
                                instanceof MigrationChoice.Result.Selected none
                        && none.instances().isEmpty()
                        && none.elsewhere().size() == 2,
                "m1 has none of its own");
    }

    @Test
    void aMemberGivenItsOwnSizeOrSourceInTheAnswersGetsItAndTheOthersTheClusterWideRule() {
        InstallRequest request = InstallRequest.defaults()
                .withMembers(Map.of(
                        "m2",
                        new MemberStorage(Optional.of(ByteSize.ofGiB(30)), Optional.empty()),
                        "m3",
                        new MemberStorage(Optional.empty(), Optional.of("/dev/sdb"))));
        Plan plan = assertInstanceOf(Plan.class, Planner.plan(member, request));
        List<String> create = commands(plan, Step.Kind.CREATE_POOL);
        assertTrue(
                create.get(0).matches("incus storage create " + plan.pool() + " btrfs size=\\d+GiB --target m1"),
                create.toString());
        assertEquals(
                List.of(
                        "incus storage create " + plan.pool() + " btrfs size=30GiB --target m2",
                        "incus storage create " + plan.pool() + " btrfs source=/dev/sdb --target m3",
                        "incus storage create " + plan.pool() + " btrfs"),
                create.subList(1, 4));
        assertTrue(
                plan.steps().stream()
                        .anyMatch(s -> s.description().contains("m2 a 30.0 GiB loop file, m3 on /dev/sdb")),
                plan.steps().toString());

        Refusal stranger = refusal(
                member,
                InstallRequest.defaults()
                        .withMembers(
                                Map.of("m9", new MemberStorage(Optional.of(ByteSize.ofGiB(30)), Optional.empty()))));
        assertEquals(
                "Failed to plan the members' storage: the answers name m9, which is not a member of this cluster (m1, "
                        + "m2, m3)",
                stranger.message().lines().findFirst().orElseThrow());
        Refusal tiny = refusal(
                member,
                InstallRequest.defaults()
                        .withMembers(
                                Map.of("m2", new MemberStorage(Optional.of(ByteSize.ofGiB(1)), Optional.empty()))));
        assertTrue(
                tiny.message().contains("for member \"m2\", ")
                        && tiny.remedies().get(0).contains("in the answers file"),
                tiny.message());
    }

    @Test
    void membersOfDifferentArchitecturesAreNamedInTheNotesSinceImagesAreOfOne() {
        assertTrue(ClusterGuard.architectureNote(member.incus().cluster()).isEmpty(), "all x86_64");
        HostFacts mixed = withMembers(m -> m.name().equals("m3")
                ? new ClusterFacts.Member(
                        m.name(), m.status(), "aarch64", m.message(), m.supportedDrivers(), m.pools(), m.unreadable())
                : m);
        Plan plan = assertInstanceOf(Plan.class, Planner.plan(mixed, InstallRequest.defaults()));
        assertTrue(
                plan.notes()
                        .contains("Members differ in architecture (aarch64: m3; x86_64: m1, m2): an image is of one "
                                + "architecture, and Incus"
                                + " launches it only on members of that one. Build or fetch agent images on a "
                                + "member of each (taos-host image build there)."),
                plan.notes().toString());
    }

    @Test
    void aPoolSeenOnOneMemberHasThatMembersSourceSizeAndSpace() {
        StoragePool cluster = member.incus().pool("legacy").orElseThrow();
        ClusterFacts.MemberPool onM2 = new ClusterFacts.MemberPool(
                "legacy", "Created", "/var/lib/incus/disks/legacy.img", "30GiB", 32L << 30, 1L << 30);
        StoragePool there = cluster.onMember(onM2);
        assertEquals(
                List.of(
                        "/var/lib/incus/disks/legacy.img",
                        "true",
                        String.valueOf(30L << 30),
                        String.valueOf(32L << 30),
                        String.valueOf(1L << 30)),
                List.of(
                        there.source(),
                        String.valueOf(there.loopBacked()),
                        String.valueOf(there.configuredSize()),
                        String.valueOf(there.totalBytes()),
                        String.valueOf(there.usedBytes())));
        assertEquals(cluster.usedBy(), there.usedBy());
    }

    private static Refusal refusal(HostFacts facts, InstallRequest request) {
        return assertInstanceOf(Refusal.class, Planner.plan(facts, request));
    }

    private static List<String> commands(Plan plan, Step.Kind kind) {
        List<String> out = new ArrayList<>();
        plan.steps().stream()
                .filter(s -> s.kind() == kind)
                .flatMap(s -> s.actions().stream())
                .forEach(a -> out.add(String.join(" ", ((Action.Run) a).argv())));
        return out;
    }

    private HostFacts withMembers(UnaryOperator<ClusterFacts.Member> change) {
        return withMembers(change, member.incus().cluster().thisMember());
    }

    /** The fixture's cluster with each member changed, read through member {@code here}. */
    private HostFacts withMembers(UnaryOperator<ClusterFacts.Member> change, String here) {
        IncusFacts i = member.incus();
        var cluster = new ClusterFacts(
                here, i.cluster().members().stream().map(change).toList());
        return member.withIncus(new IncusFacts(
                i.status(),
                i.detail(),
                i.serverVersion(),
                i.supportedDrivers(),
                i.pools(),
                i.defaultProfile(),
                i.instances(),
                i.managedNetworks(),
                i.images(),
                cluster,
                i.projects()));
    }
}

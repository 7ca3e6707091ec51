package dev.taos.host.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.ByteSize;
import dev.taos.host.core.facts.ClusterFacts;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.migrate.Preflight;
import dev.taos.host.core.plan.PlanOutcome.Plan;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** On member m1 of a real three-member cluster (fixture "cluster": a dir pool "legacy" with instances two on m2 and three on m3). */
class ClusterGuardTest {

    private final HostFacts member = Fixtures.host("cluster");

    @Test
    void theCapturedClusterIsReadWithItsMembers() {
        ClusterFacts cluster = member.incus().cluster();
        assertEquals("m1", cluster.thisMember());
        assertEquals(List.of("m1", "m2", "m3"), cluster.members().stream().map(ClusterFacts.Member::name).toList());
        for (ClusterFacts.Member m : cluster.members()) {
            assertTrue(m.online() && m.unreadable().isEmpty(), m.toString());
            assertEquals(List.of("btrfs", "dir"), m.supportedDrivers(), m.name());
            assertEquals("legacy Created /var/lib/incus/storage-pools/legacy", m.pools().get(0).name() + " " + m.pools().get(0).status() + " "
                    + m.pools().get(0).source(), m.name());
            assertTrue(m.pools().get(0).totalBytes() > 0, m.toString());
        }
        assertEquals("m2", member.incus().instance("two").orElseThrow().location());
        assertEquals("m3", member.incus().instance("three").orElseThrow().location());
        assertEquals("", Fixtures.host("dir-with-agents").incus().instance("mary").orElseThrow().location(), "Incus's \"none\" reads as no member");
        assertTrue(Fixtures.ALL.stream().noneMatch(name -> Fixtures.host(name).incus().cluster().clustered()), "standalone daemons are no cluster");
    }

    @Test
    void setupMakesThePoolPendingOnEachMemberThenForTheClusterAndTheBridgeAlike() {
        Plan plan = assertInstanceOf(Plan.class, Planner.plan(member, InstallRequest.defaults()));
        List<String> create = commands(plan, Step.Kind.CREATE_POOL);
        assertEquals(4, create.size(), create.toString());
        for (int n = 1; n <= 3; n++) {
            assertTrue(create.get(n - 1).matches("incus storage create " + plan.pool() + " btrfs size=\\d+GiB --target m" + n), create.toString());
        }
        assertEquals("incus storage create " + plan.pool() + " btrfs", create.get(3));
        assertEquals(List.of("incus config device override three root", "incus config device override two root"),
                commands(plan, Step.Kind.PIN_INSTANCES).stream().sorted().toList());
        List<String> bridge = commands(plan, Step.Kind.CREATE_NETWORK);
        assertTrue(bridge.containsAll(List.of("incus network create incusbr0 --target m1", "incus network create incusbr0 --target m3",
                "incus network create incusbr0")), bridge.toString());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("Run taos-host setup on m2, m3 as well")), plan.notes().toString());
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("Loop file on m3: size ")), plan.notes().toString());
    }

    @Test
    void setupIsRefusedWithAMemberOfflineOrWithoutTheDriverNamingIt() {
        Refusal offline = refusal(withMembers(m -> m.name().equals("m3") ? new ClusterFacts.Member("m3", "Offline", m.architecture(), "No heartbeat",
                List.of(), List.of(), "it is offline: No heartbeat") : m), InstallRequest.defaults());
        assertTrue(offline.message().contains("member \"m3\" (it is offline: No heartbeat) cannot take part now"), offline.message());
        Refusal noBtrfs = refusal(withMembers(m -> m.name().equals("m2") ? new ClusterFacts.Member("m2", m.status(), m.architecture(), m.message(),
                List.of("dir"), m.pools(), "") : m), InstallRequest.defaults().withDriver(DriverChoice.BTRFS));
        assertTrue(noBtrfs.message().contains("every member needs the btrfs driver for the pool, and m2 (supports: dir) does not have it"), noBtrfs.message());
    }

    @Test
    void anEmptyDirPoolIsNotMadeAgainOnAClusterButANewPoolMadeBesideIt() {
        IncusFacts i = member.incus();
        var p = i.pool("legacy").orElseThrow();
        var unused = new dev.taos.host.core.facts.StoragePool(p.name(), p.driver(), p.source(), p.loopBacked(), p.status(), p.configuredSize(),
                p.totalBytes(), p.usedBytes(), List.of("/1.0/profiles/default"), p.customVolumes());
        HostFacts empty = member.withIncus(new IncusFacts(i.status(), i.detail(), i.serverVersion(), i.supportedDrivers(), List.of(unused),
                i.defaultProfile(), List.of(), i.managedNetworks(), i.images(), i.cluster()));
        Plan plan = assertInstanceOf(Plan.class, Planner.plan(empty, InstallRequest.defaults()));
        assertEquals("taos-btrfs", plan.pool());
        assertTrue(plan.steps().stream().noneMatch(s -> s.kind() == Step.Kind.RECREATE_POOL), plan.steps().toString());
        Refusal named = refusal(empty, InstallRequest.defaults().withPool(Optional.of("legacy")));
        assertTrue(named.message().contains("pool \"legacy\" would be deleted and made again, which taos-host does not do on a cluster"), named.message());
    }

    @Test
    void aMemberWhoseFreeSpaceIsUnknownNeedsASize() {
        HostFacts unknown = withMembers(m -> m.name().equals("m2") ? new ClusterFacts.Member("m2", m.status(), m.architecture(), m.message(),
                m.supportedDrivers(), List.of(), "") : m);
        Refusal refusal = refusal(unknown, InstallRequest.defaults());
        assertTrue(refusal.message().contains("the free space on member \"m2\" is not known to taos-host"), refusal.message());
        Plan sized = assertInstanceOf(Plan.class, Planner.plan(unknown, InstallRequest.defaults().withSize(Optional.of(ByteSize.parse("20GiB")))));
        assertTrue(commands(sized, Step.Kind.CREATE_POOL).contains("incus storage create " + sized.pool() + " btrfs size=20GiB --target m2"),
                commands(sized, Step.Kind.CREATE_POOL).toString());
    }

    @Test
    void aMigrationOnAMemberIsRefusedBeforeItsOtherChecks() {
        var checked = Preflight.check(member, MigrateSelection.parse("three"), Optional.empty(), StopPolicy.defaults(), List.of());
        Refusal refusal = assertInstanceOf(Preflight.Result.Refused.class, checked).refusal();
        assertTrue(refusal.message().startsWith("Failed to plan the migration: this Incus daemon is member \"m1\" of a cluster of 3 (m1, m2, m3),"
                + " and taos-host does not migrate on a cluster yet"), refusal.message());
        Refusal inSetup = refusal(member, InstallRequest.defaults().withMigrate(MigrateSelection.parse("three")));
        assertTrue(inSetup.message().contains("does not migrate on a cluster yet"), inSetup.message());
    }

    private static Refusal refusal(HostFacts facts, InstallRequest request) {
        return assertInstanceOf(Refusal.class, Planner.plan(facts, request));
    }

    private static List<String> commands(Plan plan, Step.Kind kind) {
        List<String> out = new ArrayList<>();
        plan.steps().stream().filter(s -> s.kind() == kind).flatMap(s -> s.actions().stream())
                .forEach(a -> out.add(String.join(" ", ((Action.Run) a).argv())));
        return out;
    }

    private HostFacts withMembers(UnaryOperator<ClusterFacts.Member> change) {
        IncusFacts i = member.incus();
        var cluster = new ClusterFacts(i.cluster().thisMember(), i.cluster().members().stream().map(change).toList());
        return member.withIncus(new IncusFacts(i.status(), i.detail(), i.serverVersion(), i.supportedDrivers(), i.pools(), i.defaultProfile(),
                i.instances(), i.managedNetworks(), i.images(), cluster));
    }
}

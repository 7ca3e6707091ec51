package dev.taos.host.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.facts.ClusterFacts;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.migrate.Preflight;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** On member m1 of a real three-member cluster (fixture "cluster": a dir pool with instances two on m2 and three on m3). */
class ClusterGuardTest {

    private final HostFacts member = Fixtures.host("cluster");

    @Test
    void theCapturedClusterIsReadWithItsMembers() {
        ClusterFacts cluster = member.incus().cluster();
        assertEquals("m1", cluster.thisMember());
        assertEquals(List.of("m1", "m2", "m3"), cluster.members().stream().map(ClusterFacts.Member::name).toList());
        assertTrue(cluster.members().stream().allMatch(ClusterFacts.Member::online));
        for (ClusterFacts.Member m : cluster.members()) {
            assertEquals(List.of("btrfs", "dir"), m.supportedDrivers(), m.name());
            assertEquals("legacy Created /var/lib/incus/storage-pools/legacy", m.pools().get(0).name() + " " + m.pools().get(0).status() + " "
                    + m.pools().get(0).source(), m.name());
            assertTrue(m.pools().get(0).totalBytes() > 0 && m.unreadable().isEmpty(), m.toString());
        }
        assertEquals("m2", member.incus().instance("two").orElseThrow().location());
        assertEquals("m3", member.incus().instance("three").orElseThrow().location());
        assertEquals("", Fixtures.host("dir-with-agents").incus().instance("mary").orElseThrow().location(), "Incus's \"none\" reads as no member");
        String shown = dev.taos.host.ui.output.FactsReport.render(member, 0);
        assertTrue(shown.contains("m1 (this one)") && shown.contains("legacy Created"), shown);
        assertTrue(Fixtures.ALL.stream().noneMatch(name -> Fixtures.host(name).incus().cluster().clustered()), "standalone daemons are no cluster");
    }

    @Test
    void setupOnAMemberIsRefusedNamingTheMembersAndTheWayByHand() {
        Refusal refusal = assertInstanceOf(Refusal.class, Planner.plan(member, InstallRequest.defaults()));
        assertEquals(PlanOutcome.Reason.UNSUPPORTED_HOST, refusal.reason());
        assertTrue(refusal.message().startsWith("Failed to plan the Incus setup: this Incus daemon is member \"m1\" of a cluster of 3 (m1, m2, m3)"),
                refusal.message());
        assertTrue(refusal.remedies().get(0).contains("incus storage create POOL btrfs size=SIZE --target MEMBER"), refusal.remedies().toString());
    }

    @Test
    void aMigrationOnAMemberIsRefusedBeforeItsOtherChecksAndAnOfflineMemberIsNamed() {
        var members = member.incus().cluster().members();
        var down = new ClusterFacts("m1", List.of(members.get(0), members.get(1),
                new ClusterFacts.Member("m3", "Offline", members.get(2).architecture(), "No heartbeat for 31s", List.of(), List.of(), "it is offline")));
        var i = member.incus();
        HostFacts withDown = member.withIncus(new dev.taos.host.core.facts.IncusFacts(i.status(), i.detail(), i.serverVersion(), i.supportedDrivers(),
                i.pools(), i.defaultProfile(), i.instances(), i.managedNetworks(), i.images(), down));
        var checked = Preflight.check(withDown, MigrateSelection.parse("three"), Optional.empty(), StopPolicy.defaults(), List.of());
        Refusal refusal = assertInstanceOf(Preflight.Result.Refused.class, checked).refusal();
        assertTrue(refusal.message().startsWith("Failed to plan the migration: this Incus daemon is member \"m1\" of a cluster of 3 (m1, m2, m3 offline)"),
                refusal.message());
    }
}

package dev.taos.host.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.migrate.Observed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads the instance list captured from Incus 6.0 on the dir-with-agents host. */
class InstanceObserverTest {

    @Test
    void readsStatusPoolOwnConfigAndSnapshots() throws Exception {
        String path = "/1.0/instances?recursion=2&all-projects=true";
        var instances =
                IncusObjects.readList(path, Fixtures.api("dir-with-agents").query(path), IncusObjects.Instance.class);
        Observed seen = InstanceObserver.parse("", instances, Map.of("stanley", List.of("snap0", "snap1")), false);
        assertEquals(3, seen.instances().size());
        Observed.Seen stanley = seen.on("stanley", "default").orElseThrow();
        assertTrue(stanley.running());
        assertEquals(List.of("snap0", "snap1"), stanley.snapshots());
        assertTrue(
                stanley.config().containsKey("volatile.cloud-init.instance-id"),
                stanley.config().keySet().toString());
        assertEquals("Stopped", seen.get("naira").orElseThrow().status());
    }

    /** On the captured 3-member cluster, read through m1: each instance's member, and the member taos-host runs on. */
    @Test
    void readsEachInstancesMemberOnACluster() throws Exception {
        String path = "/1.0/instances?recursion=2&all-projects=true";
        var instances = IncusObjects.readList(path, Fixtures.api("cluster").query(path), IncusObjects.Instance.class);
        Observed seen = InstanceObserver.parse("m1", instances, Map.of(), false);
        assertEquals("m1", seen.member());
        assertEquals("m2", seen.get("two").orElseThrow().location());
        assertEquals("m3", seen.on("three", "legacy").orElseThrow().location());
    }

    /**
     * The volume list of Incus 6.0's pool "default" holding a1, b1 with its snapshot s0, and two images (as `incus
     * query` printed it).
     */
    @Test
    void takesSnapshotNamesFromThePoolsVolumeList() {
        List<String> volumes = List.of(
                "/1.0/storage-pools/default/volumes/container/a1",
                "/1.0/storage-pools/default/volumes/container/b1",
                "/1.0/storage-pools/default/volumes/container/b1/snapshots/s0",
                "/1.0/storage-pools/default/volumes/container/b1/snapshots/before%20upgrade",
                "/1.0/storage-pools/default/volumes/image/"
                        + "61d2da457e32df9369f8fd4eab97e387a9d77a014fefc9fdaa7367f87853d069",
                "/1.0/storage-pools/default/volumes/custom/data",
                "/1.0/storage-pools/default/volumes/custom/data/snapshots/d0");
        assertEquals(Map.of("b1", List.of("before upgrade", "s0")), InstanceObserver.snapshotsOf(volumes));
    }

    @Test
    void findsRunningOperationsOnTheNamedInstancesOnly() throws Exception {
        String operations = """
                {"running": [
                  {"id": "op-1", "resources": {"instances": ["/1.0/instances/mary-migrating", "/1.0/instances/mary"]}},
                  {"id": "op-2", "resources": {"instances": ["/1.0/instances/naira?project=default"]}},
                  {"id": "op-3", "resources": {"containers": ["/1.0/containers/x"]}}],
                 "success": [{"id": "op-4", "resources": {"instances": ["/1.0/instances/mary"]}}]}
                """;
        assertEquals(List.of("op-1"), InstanceObserver.operationsOn(operations, List.of("mary", "mary-migrating")));
        assertEquals(List.of("op-2"), InstanceObserver.operationsOn(operations, List.of("naira")));
    }

    @Test
    void aDaemonWithNoOperationsHasNoneOnAnyInstance() throws Exception {
        // incus query prints nothing when the daemon has no operations at all (seen in MigrateRecoveryIT).
        for (String body : List.of("", "\n", "null", "{}")) {
            assertEquals(List.of(), InstanceObserver.operationsOn(body, List.of("mary")), "answer: '" + body + "'");
        }
    }

    @Test
    void anEmptyAnswerWhereAnObjectIsExpectedNamesThePath() {
        var failure = assertThrows(
                IncusApi.IncusUnavailable.class, () -> IncusObjects.read("/1.0", "", IncusObjects.Server.class));
        assertTrue(failure.getMessage().contains("/1.0"), failure.getMessage());
    }
}

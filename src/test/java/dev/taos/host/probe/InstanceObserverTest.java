package dev.taos.host.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.migrate.Observed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the instance list captured from Incus 6.0 on the dir-with-agents host. */
class InstanceObserverTest {

    @Test
    void readsStatusPoolOwnConfigAndSnapshots() throws Exception {
        Observed seen = InstanceObserver.parse(Fixtures.api("dir-with-agents").query("/1.0/instances?recursion=2&all-projects=true"));
        assertEquals(3, seen.instances().size());
        Observed.Seen stanley = seen.on("stanley", "default").orElseThrow();
        assertTrue(stanley.running());
        assertEquals(List.of("snap0", "snap1"), stanley.snapshots());
        assertTrue(stanley.config().containsKey("volatile.cloud-init.instance-id"), stanley.config().keySet().toString());
        assertEquals("Stopped", seen.get("naira").orElseThrow().status());
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
        var failure = assertThrows(IncusApi.IncusUnavailable.class, () -> IncusObjects.read("/1.0", "", IncusObjects.Server.class));
        assertTrue(failure.getMessage().contains("/1.0"), failure.getMessage());
    }
}

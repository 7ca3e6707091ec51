package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a host whose /var/lib/incus is btrfs, the planned pool command really makes a subvolume: no loop file. (Without
 * source=, Incus 6.0.4 makes a loop file even there; this test keeps the planner honest about it.)
 */
@ExtendWith(NoLeaks.class)
class BtrfsHostIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void plannedCreateCommandMakesASubvolumePool() throws Exception {
        try (IncusHost host = new IncusHost()) {
            host.start();
            Scenarios.btrfsHost(host);
            JsonNode facts = JSON.readTree(
                    host.taosHost("detect", "--json").requireSuccess("detect").stdout());
            assertEquals(
                    "btrfs", facts.get("storage").get("incusHome").get("fsType").asText());

            JsonNode plan = JSON.readTree(
                    host.taosHost("plan", "--json").requireSuccess("plan").stdout());
            JsonNode create = plan.get("steps").get(0);
            assertEquals("CREATE_POOL", create.get("kind").asText());
            List<String> argv = new ArrayList<>();
            create.get("actions").get(0).get("argv").forEach(a -> argv.add(a.asText()));
            assertEquals(
                    List.of(
                            "incus",
                            "storage",
                            "create",
                            "default",
                            "btrfs",
                            "source=/var/lib/incus/storage-pools/default"),
                    argv);

            host.exec(argv.toArray(String[]::new)).requireSuccess("run the planned command");
            JsonNode pool = JSON.readTree(
                    host.sh("incus query /1.0/storage-pools/default").stdout());
            assertFalse(pool.get("config").has("size"), pool.toString());
            assertFalse(
                    host.exec("test", "-e", "/var/lib/incus/disks/default.img").exitCode() == 0,
                    "a loop file was made");
            assertTrue(host.sh("btrfs subvolume show /var/lib/incus/storage-pools/default")
                    .stdout()
                    .contains("Name:"));
        }
    }
}

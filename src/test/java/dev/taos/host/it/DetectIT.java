package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** detect --json, run as the packaged jar inside disposable Incus hosts, describes each scenario correctly. */
@ExtendWith(NoLeaks.class)
class DetectIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode detect(Consumer<IncusHost> scenario) throws Exception {
        try (IncusHost host = new IncusHost()) {
            host.start();
            scenario.accept(host);
            IncusHost.Result result = host.taosHost("detect", "--json").requireSuccess("run detect --json");
            return JSON.readTree(result.stdout()).get("incus");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void freshHostHasIncusRunningAndNoPools() throws Exception {
        JsonNode incus = detect(host -> {});
        assertEquals("RUNNING", incus.get("status").asText());
        assertEquals(List.of("btrfs", "dir"), texts(incus.get("supportedDrivers")));
        assertEquals(0, incus.get("pools").size());
        assertEquals("", incus.get("defaultProfile").get("rootPool").asText());
    }

    @Test
    void dirPoolWithAgentsShowsInstancesSnapshotsAndVolumes() throws Exception {
        JsonNode incus = detect(host -> {
            Scenarios.dirWithAgents(host);
            assertEquals(
                    """
                    /srv/agent/agent.sock 0:0 755 1
                    /srv/agent/config/settings.json 1000:1000 600 1
                    /srv/agent/empty-dir 0:0 755 2
                    /srv/agent/identity-hardlink 0:0 644 2
                    /srv/agent/identity-link 0:0 777 1
                    /srv/agent/identity.txt 0:0 644 2
                    /srv/agent/notes with spaces.txt 0:0 644 1
                    /srv/agent/null 0:0 644 1
                    /srv/agent/numbers.txt 0:0 644 1
                    /srv/agent/pipe 0:0 644 1
                    """,
                    host.sh("incus exec mary -- sh -c 'find /srv/agent -mindepth 1 ! -type d -o -name empty-dir"
                                    + " | sort | while read -r f; do stat -c \"%n %u:%g %a %h\" \"$f\"; done'")
                            .stdout());
            assertEquals(
                    "identity.txt\n",
                    host.sh("incus exec mary -- readlink /srv/agent/identity-link")
                            .stdout());
        });
        assertEquals("dir", incus.get("pools").get(0).get("driver").asText());
        JsonNode instances = incus.get("instances");
        assertEquals(List.of("mary", "naira", "stanley"), instances.findValuesAsText("name"));
        assertEquals(List.of("Running", "Stopped", "Running"), instances.findValuesAsText("status"));
        JsonNode stanley = instances.get(2);
        assertEquals("stanley", stanley.get("name").asText());
        assertEquals(List.of("snap0", "snap1"), texts(stanley.get("snapshots")));
        assertEquals(List.of("default/stanley-data"), texts(stanley.get("customVolumes")));
        assertTrue(stanley.get("diskUsageBytes").asLong() > 0, "du measures dir-backed instances");
    }

    @Test
    void btrfsLoopPoolIsSeenAsLoopBacked() throws Exception {
        JsonNode pool = detect(Scenarios::btrfsAlready).get("pools").get(0);
        assertEquals("btrfs", pool.get("driver").asText());
        assertTrue(pool.get("loopBacked").asBoolean());
        assertEquals(8L << 30, pool.get("configuredSize").asLong());
    }

    @Test
    void daemonWithoutBtrfsToolsOffersOnlyDir() throws Exception {
        assertEquals(List.of("dir"), texts(detect(Scenarios::noCowDriver).get("supportedDrivers")));
    }
}

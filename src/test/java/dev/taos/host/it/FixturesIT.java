package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taos.host.Fixtures;
import dev.taos.host.probe.FixtureCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Re-captures every fixture from its scenario on a disposable host and checks the committed fixture is reproduced
 * (sizes aside, which drift with the disk's usage). With {@code -Dtaos.fixtures=write} it rewrites the fixtures
 * instead: {@code incus-api.json} whole and the {@code incus} and {@code appAccess} members of {@code host.json} (the
 * app's user, root's subordinate ids, incus-user: the host's accounts and Incus's package, which the container has);
 * the rest of host.json describes the machine (mounts, memory), which a container cannot stand in for.
 */
@ExtendWith(NoLeaks.class)
class FixturesIT {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final boolean WRITE = "write".equals(System.getProperty("taos.fixtures"));
    static final List<String> FIXTURE_NAMES = Fixtures.ALL;

    @ParameterizedTest
    @FieldSource("FIXTURE_NAMES")
    void captureReproducesTheCommittedFixture(String name) throws Exception {
        JsonNode api;
        JsonNode incus;
        JsonNode access;
        try (IncusHost host = Scenarios.onSystemd(name) ? new SystemdHost() : new IncusHost()) {
            host.start();
            Scenarios.BY_FIXTURE.get(name).accept(host);
            host.taosHost("detect", "--capture", "/tmp/capture").requireSuccess("capture " + name);
            api = JSON.readTree(host.sh("cat /tmp/capture/incus-api.json").stdout());
            JsonNode captured =
                    JSON.readTree(host.sh("cat /tmp/capture/host.json").stdout());
            incus = captured.get("incus");
            access = captured.get("appAccess");
        }
        Path dir = FIXTURES.resolve(name);
        ObjectNode committedHost =
                (ObjectNode) JSON.readTree(dir.resolve("host.json").toFile());
        if (WRITE) {
            Files.writeString(dir.resolve("incus-api.json"), pretty(api) + "\n");
            committedHost.set("incus", incus);
            committedHost.set("appAccess", access);
            Files.writeString(dir.resolve("host.json"), pretty(committedHost) + "\n");
            return;
        }
        JsonNode committedApi = JSON.readTree(dir.resolve("incus-api.json").toFile());
        assertEquals(
                pretty(FixtureCapture.forComparison(committedApi)),
                pretty(FixtureCapture.forComparison(api)),
                name
                        + "/incus-api.json is not what the scenario gives today; re-capture with -Dtaos.fixtures=write "
                        + "(see the fixtures README)");
        assertEquals(
                pretty(FixtureCapture.forComparison(committedHost.get("incus"))),
                pretty(FixtureCapture.forComparison(incus)),
                name + "/host.json's incus record is not what the scenario gives today");
        assertEquals(
                pretty(committedHost.get("appAccess")),
                pretty(access),
                name + "/host.json's appAccess record is not what the scenario gives today");
    }

    /**
     * Key order is no part of an answer: incus query sorts the keys, the daemon's socket gives them in its own order.
     */
    private static String pretty(JsonNode node) throws Exception {
        return JSON.writeValueAsString(JSON.treeToValue(node, Object.class));
    }
}

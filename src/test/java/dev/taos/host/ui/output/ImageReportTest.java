package dev.taos.host.ui.output;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.app.ImageBuildFlow;
import dev.taos.host.app.ImageBuildFlow.Outcome;
import dev.taos.host.app.ImageBuildFlow.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageReportTest {

    private static final String KEY = "7c61cd956af2" + "0".repeat(52);

    @Test
    void aBuildReadsAsATableAndAsJsonWithLowerCaseResults() {
        var built = new ImageBuildFlow.Built(
                List.of(
                        new Outcome("framework", Status.HIT, KEY, KEY, "", 5, Map.of()),
                        new Outcome(
                                "agent",
                                Status.BUILT,
                                KEY,
                                KEY,
                                "its cached script changed",
                                2500,
                                Map.of("docs", 307200L))),
                null);
        String json = Json.write(built);
        assertTrue(json.contains("\"status\" : \"built\"") && json.contains("\"failure\" : null"), json);
        String text = ImageReport.build(built);
        assertTrue(
                text.contains("agent      built   7c61cd956af2  7c61cd956af2  2.5 s  its cached script changed"), text);
        assertTrue(text.contains("Trimmed from agent: docs 300.0 KiB (total 300.0 KiB)"), text);
    }

    @Test
    void aFailureSaysThePreviousImageStaysAndNothingIsCalledCached() {
        var failed = new ImageBuildFlow.Built(
                List.of(new Outcome("agent", Status.FAILED, "", "", "Failed to run ...", 100, Map.of())),
                "Failed to run agent's cached script in taos-build-agent: it exited 7");
        String text = ImageReport.build(failed);
        assertTrue(text.contains("agent  failed  -    -      0.1 s  see below"), text);
        assertTrue(text.endsWith("it exited 7\nThe previous image and its alias are as they were.\n"), text);
        assertFalse(text.contains("Nothing to build"), text);
    }
}

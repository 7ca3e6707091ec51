package dev.taos.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taos.host.JsonSchemas;
import dev.taos.host.TestHost;
import dev.taos.host.app.Host;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.ui.output.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench's command sequence and its clean-up, on a captured btrfs host with a scripted clock; the IT launches for real.
 */
class BenchCommandTest {

    /**
     * Launches on the dir pool take 3 s and on any other pool 0.2 s; {@code failOn} makes commands containing it fail.
     */
    static Host timedHost(Path state, List<String> ran, String failOn, AtomicLong now) {
        CommandRunner runner = (argv, timeout) -> {
            String line = String.join(" ", argv);
            ran.add(line);
            if (line.startsWith("incus launch")) {
                now.addAndGet(line.endsWith("taos-bench-dir") ? 3_000_000_000L : 200_000_000L);
            }
            boolean fails = !failOn.isEmpty() && line.contains(failOn);
            return new CommandRunner.Result(fails ? 1 : 0, "", fails ? "Error: injected" : "", false);
        };
        return TestHost.captured("btrfs-already", state, runner).withTime(TestHost.time(now::get, wait -> {}));
    }

    private final List<String> ran = new ArrayList<>();

    @Test
    void alternatesPoolsAfterAWarmUpAndDeletesWhatItMade(@TempDir Path state) throws Exception {
        var outcome = CliTest.run(
                timedHost(state, ran, "", new AtomicLong()), "bench", "--image", "busybox", "--runs", "2", "--json");
        assertEquals(0, outcome.exit(), outcome.err());
        assertEquals(
                List.of(
                        "incus storage create taos-bench-dir dir",
                        "incus launch busybox taos-bench-dir-0 --storage taos-bench-dir",
                        "incus delete --force taos-bench-dir-0",
                        "incus launch busybox taos-bench-cow-0 --storage default",
                        "incus delete --force taos-bench-cow-0",
                        "incus launch busybox taos-bench-dir-1 --storage taos-bench-dir",
                        "incus delete --force taos-bench-dir-1",
                        "incus launch busybox taos-bench-cow-1 --storage default",
                        "incus delete --force taos-bench-cow-1",
                        "incus launch busybox taos-bench-dir-2 --storage taos-bench-dir",
                        "incus delete --force taos-bench-dir-2",
                        "incus launch busybox taos-bench-cow-2 --storage default",
                        "incus delete --force taos-bench-cow-2",
                        "incus storage delete taos-bench-dir"),
                ran);
        assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.named("bench"), outcome.out()));
        JsonNode result = Json.mapper().readTree(outcome.out());
        assertEquals(15.0, result.get("speedUp").asDouble());
        assertEquals("btrfs", result.get("pools").get(1).get("driver").asText());
        assertEquals(3000, result.get("pools").get(0).get("medianMillis").asLong());
        JsonNode runs = result.get("pools").get(1).get("runMillis");
        assertEquals("[200,200]", runs.toString());
    }

    @Test
    void textReportGivesMediansAndTheSpeedUp(@TempDir Path state) {
        var outcome =
                CliTest.run(timedHost(state, ran, "", new AtomicLong()), "bench", "--image", "busybox", "--runs", "1");
        assertEquals(0, outcome.exit(), outcome.err());
        assertTrue(
                outcome.out()
                        .contains("  taos-bench-dir       dir    median   3.00 s   warm-up   3.00 s   runs 3.00\n"),
                outcome.out());
        assertTrue(
                outcome.out()
                        .endsWith("Launching on \"default\" (btrfs) is 15.0x as fast as on dir (median of 1 launches "
                                + "each).\n"),
                outcome.out());
    }

    @Test
    void aFailedLaunchStillDeletesEverythingItMade(@TempDir Path state) {
        var outcome = CliTest.run(
                timedHost(state, ran, "taos-bench-cow-1", new AtomicLong()),
                "bench",
                "--image",
                "busybox",
                "--runs",
                "2");
        assertEquals(4, outcome.exit());
        assertTrue(
                outcome.err()
                        .startsWith("Failed to launch busybox on pool default: `incus launch busybox taos-bench-cow-1 "
                                + "--storage default` exited 1 (Error: injected)"),
                outcome.err());
        assertEquals(
                List.of("incus delete --force taos-bench-cow-1", "incus storage delete taos-bench-dir"),
                ran.subList(ran.size() - 2, ran.size()));
    }

    @Test
    void refusalsChangeNothing(@TempDir Path state) {
        var outcome = CliTest.run(timedHost(state, ran, "", new AtomicLong()), "bench", "--runs", "3");
        assertEquals(3, outcome.exit());
        assertEquals(
                "Failed to start bench: no local image has the alias or fingerprint \"taos-openclaw-base\". To go on: "
                        + "import the taOS base image"
                        + " (taos-host fetch-base-image) or pass --image ALIAS. Nothing has been changed.\n",
                outcome.err());
        var badRuns =
                CliTest.run(timedHost(state, ran, "", new AtomicLong()), "bench", "--image", "busybox", "--runs", "0");
        assertEquals(2, badRuns.exit());
        assertEquals(List.of(), ran);
    }
}

package dev.taos.host.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.TestHost;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.ui.output.PoolWatchReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pool-watch on captured hosts: what it says, what it runs, and its exit code. */
class PoolWatchFlowTest {

    @TempDir
    Path state;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int watch(String fixture, CommandRunner runner, Map<String, String> config) {
        var ui = new PoolWatchReport(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new PoolWatchFlow(TestHost.captured(fixture, state, runner), ui)
                .run(config)
                .code();
    }

    @Test
    void aPoolUnderItsThresholdIsFineAndNothingRuns() {
        assertEquals(0, watch("btrfs-already", TestHost.refusing(), Map.of()));
        assertTrue(out.toString().startsWith("pool \"default\" is 0% full"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void aLoopPoolOverItsThresholdWithAutogrowIsGrownByTheStep() {
        List<String> ran = new ArrayList<>();
        var config = Map.of(
                "TAOS_POOL_WARN_PERCENT", "0",
                "TAOS_POOL_AUTOGROW", "1",
                "TAOS_POOL_GROW_STEP", "1GiB",
                "TAOS_HOST_RESERVE_PERCENT", "0");
        assertEquals(0, watch("btrfs-already", TestHost.recording(ran), config));
        assertEquals(List.of("incus storage set default size=9GiB"), ran);
        assertTrue(err.toString().contains("growing it by 1.0 GiB"), err.toString());
    }

    @Test
    void aGrowthIncusRefusesIsAFailedStepNamingTheCause() {
        CommandRunner refusing = (argv, timeout) -> new CommandRunner.Result(1, "", "Error: not enough space", false);
        var config = Map.of(
                "TAOS_POOL_WARN_PERCENT", "0",
                "TAOS_POOL_AUTOGROW", "1",
                "TAOS_POOL_GROW_STEP", "1GiB",
                "TAOS_HOST_RESERVE_PERCENT", "0");
        assertEquals(4, watch("btrfs-already", refusing, config));
        assertTrue(
                err.toString()
                        .contains("Failed to grow pool \"default\": `incus storage set default size=9GiB` exited 1"
                                + " (Error: not enough space). Grow it by hand"),
                err.toString());
    }

    @Test
    void unreadableSettingsAreRefusedBeforeTheHostIsRead() {
        assertEquals(2, watch("btrfs-already", TestHost.refusing(), Map.of("TAOS_POOL_GROW_STEP", "lots")));
        assertTrue(err.toString().startsWith("Failed to read the pool-watch settings: "), err.toString());
    }

    @Test
    void aPoolIncusDoesNotHaveIsNamed() {
        assertEquals(3, watch("btrfs-already", TestHost.refusing(), Map.of("TAOS_POOL", "ghost")));
        assertTrue(err.toString().contains("Failed to check pool \"ghost\": Incus has no such pool."), err.toString());
    }

    @Test
    void aDaemonThatDoesNotAnswerIsNamed() {
        assertEquals(3, watch("daemon-down", TestHost.refusing(), Map.of()));
        assertTrue(err.toString().startsWith("Failed to check the pool: Incus does not answer ("), err.toString());
    }
}

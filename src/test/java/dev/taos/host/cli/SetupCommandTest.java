package dev.taos.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.apply.RunLock;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.plan.Planner;
import dev.taos.host.core.plan.UnitSteps;
import dev.taos.host.core.units.UnitSettings;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.probe.FixtureCapture;
import dev.taos.host.units.UnitCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** setup's decisions before anything is applied: every path here must leave the host untouched (ITs cover applying). */
class SetupCommandTest {

    /** A captured host whose runner records commands, with its state in a temporary directory and a scripted answer. */
    record FakeHost(String fixture, Path stateDir, Optional<Boolean> answer, List<String> ran) implements HostEnvironment {

        @Override
        public HostFacts probe(FixtureCapture recorder) {
            return Fixtures.host(fixture);
        }

        @Override
        public CommandRunner runner() {
            return (argv, timeout) -> {
                ran.add(String.join(" ", argv));
                return new CommandRunner.Result(0, "", "", false);
            };
        }

        @Override
        public Optional<Planner.HostFiles> hostFiles(HostFacts facts) {
            var settings = new UnitSettings("", "", "/opt/tinyagentos", "/opt/tinyagentos/venv/bin/python", "/opt/tinyagentos/scripts/stop.sh",
                    false, "/usr/bin/java", HostPaths.JAR, UnitSettings.PoolWatch.defaults());
            return Optional.of(new Planner.HostFiles(UnitCatalog.sources(), settings, new UnitSteps.Jar(HostPaths.JAR, "/tmp/taos-host.jar", "00".repeat(32))));
        }

        @Override
        public Optional<Boolean> confirm(String question) {
            return answer;
        }
    }

    private final List<String> ran = new ArrayList<>();

    @Test
    void withoutATerminalItRefusesToAskAndChangesNothing(@TempDir Path state) {
        var outcome = CliTest.run(new FakeHost("dir-empty", state, Optional.empty(), ran), "setup");
        assertEquals(2, outcome.exit());
        assertTrue(outcome.err().startsWith("Failed to start setup: there is no terminal to confirm on. Run with --yes"), outcome.err());
        assertEquals(List.of(), ran);
        assertTrue(Files.notExists(state.resolve("journal.json")));
    }

    @Test
    void answeringNoChangesNothing(@TempDir Path state) {
        var outcome = CliTest.run(new FakeHost("dir-empty", state, Optional.of(false), ran), "setup");
        assertEquals(130, outcome.exit());
        assertTrue(outcome.out().endsWith("Nothing has been changed.\n"), outcome.out());
        assertEquals(List.of(), ran);
    }

    @Test
    void planShowsTheSameStepsAsSetupsDryRun(@TempDir Path state) {
        var host = new FakeHost("dir-empty", state, Optional.of(true), ran);
        var plan = CliTest.run(host, "plan", "--fetch-base-image");
        var dryRun = CliTest.run(host, "setup", "--dry-run", "--fetch-base-image");
        assertEquals(0, plan.exit(), plan.err());
        assertTrue(plan.out().contains("taos-base-image.service"), plan.out());
        assertTrue(dryRun.out().startsWith(plan.out().substring(0, plan.out().indexOf("\nNotes:"))), plan.out() + "\n---\n" + dryRun.out());
        assertEquals(List.of(), ran);
    }

    @Test
    void dryRunPrintsThePlanAndStops(@TempDir Path state) {
        var outcome = CliTest.run(new FakeHost("dir-empty", state, Optional.of(true), ran), "setup", "--dry-run");
        assertEquals(0, outcome.exit());
        assertTrue(outcome.out().contains("[1/3] Recreating empty dir pool \"default\" as btrfs pool \"default\""), outcome.out());
        assertTrue(outcome.out().endsWith("Dry run: nothing has been changed.\n"), outcome.out());
        assertEquals(List.of(), ran);
    }

    @Test
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    void anotherRunHoldingTheLockMeansExitFive(@TempDir Path state) {
        try (RunLock held = RunLock.tryAcquire(state, 4242).orElseThrow()) {
            var outcome = CliTest.run(new FakeHost("dir-empty", state, Optional.of(true), ran), "setup", "--yes");
            assertEquals(5, outcome.exit());
            assertEquals("Failed to start setup: another taos-host run (PID 4242) is changing this host.\n"
                    + "Wait for it to finish, then run setup again. Nothing has been changed.\n", outcome.err());
        }
        assertEquals(List.of(), ran);
    }

    @Test
    void migrationIsNotSetupsJob(@TempDir Path state) {
        var outcome = CliTest.run(new FakeHost("dir-with-agents", state, Optional.of(true), ran), "setup", "--yes", "--migrate", "mary");
        assertEquals(2, outcome.exit());
        assertTrue(outcome.err().startsWith("Failed to read --migrate: setup does not move instances."), outcome.err());
        assertEquals(List.of(), ran);
    }

    @Test
    void aRefusedPlanExitsThreeAndChangesNothing(@TempDir Path state) {
        var outcome = CliTest.run(new FakeHost("daemon-down", state, Optional.of(true), ran), "setup", "--yes");
        assertEquals(3, outcome.exit());
        assertTrue(outcome.err().startsWith("Failed to plan the Incus setup: the Incus daemon does not answer"), outcome.err());
        assertEquals(List.of(), ran);
    }

    @Test
    void verifyListsEachCheckAndFailsOnAHostNotYetSetUp(@TempDir Path state) {
        var outcome = CliTest.run(new FakeHost("dir-empty", state, Optional.empty(), ran), "verify");
        assertEquals(6, outcome.exit());
        assertTrue(outcome.out().startsWith("ok    Incus daemon answers: Incus 6.0.4\n"
                + "FAIL  default profile's root pool is copy-on-write: \"default\" (dir, source /var/lib/incus/storage-pools/default)\n"), outcome.out());
    }
}

package dev.taos.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.TestHost;
import dev.taos.host.app.AnswersFile;
import dev.taos.host.apply.RunLock;
import dev.taos.host.core.ByteSize;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MemberStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** setup's decisions before anything is applied: every path here must leave the host untouched (ITs cover applying). */
class SetupCommandTest {

    private final List<String> ran = new ArrayList<>();

    /**
     * A captured host whose runner records commands, with its state in {@code state}, and an operator who answers
     * {@code answer}.
     */
    private CliTest.Outcome run(String fixture, Path state, Optional<Boolean> answer, String... args) {
        return CliTest.run(
                TestHost.captured(fixture, state, TestHost.recording(ran)), TestHost.answering(answer), args);
    }

    @Test
    void withoutATerminalItRefusesToAskAndChangesNothing(@TempDir Path state) {
        var outcome = run("dir-empty", state, Optional.empty(), "setup");
        assertEquals(2, outcome.exit());
        assertTrue(
                outcome.err().startsWith("Failed to start setup: there is no terminal to confirm on. Run with --yes"),
                outcome.err());
        assertEquals(List.of(), ran);
        assertTrue(Files.notExists(state.resolve("journal.json")));
    }

    @Test
    void answeringNoChangesNothing(@TempDir Path state) {
        var outcome = run("dir-empty", state, Optional.of(false), "setup");
        assertEquals(130, outcome.exit());
        assertTrue(outcome.out().endsWith("Nothing has been changed.\n"), outcome.out());
        assertEquals(List.of(), ran);
    }

    @Test
    void planShowsTheSameStepsAsSetupsDryRun(@TempDir Path state) {
        var plan = run("dir-empty", state, Optional.of(true), "plan", "--fetch-base-image");
        var dryRun = run("dir-empty", state, Optional.of(true), "setup", "--dry-run", "--fetch-base-image");
        assertEquals(0, plan.exit(), plan.err());
        assertTrue(plan.out().contains("taos-base-image.service"), plan.out());
        assertTrue(
                dryRun.out().startsWith(plan.out().substring(0, plan.out().indexOf("\nNotes:"))),
                plan.out() + "\n---\n" + dryRun.out());
        assertEquals(List.of(), ran);
    }

    @Test
    void anAnswersFileGivesClusterMembersTheirOwnStorageAndTheWizardsWriterKeepsIt(@TempDir Path state)
            throws Exception {
        Path answers = Files.writeString(
                state.resolve("answers.yaml"),
                "version: 1\nmembers:\n  m3:\n    source: /srv/pool\n  m2:\n    size: 30GiB\n");
        var plan = run("cluster", state, Optional.of(true), "plan", "--answers", answers.toString());
        assertEquals(0, plan.exit(), plan.err());
        assertTrue(
                plan.out()
                        .contains("$ incus storage create taos-btrfs btrfs size=30GiB --target m2\n"
                                + "      $ incus storage create taos-btrfs btrfs source=/srv/pool --target m3\n"),
                plan.out());
        String written = AnswersFile.render(InstallRequest.defaults()
                .withMembers(Map.of(
                        "m2",
                        new MemberStorage(Optional.of(ByteSize.ofGiB(30)), Optional.empty()),
                        "m3",
                        new MemberStorage(Optional.empty(), Optional.of("/srv/pool")))));
        assertTrue(written.contains("members:\n  m2:\n    size: 30GiB\n  m3:\n    source: /srv/pool\n"), written);
        Files.writeString(answers, written);
        assertEquals(
                plan.out(),
                run("cluster", state, Optional.of(true), "plan", "--answers", answers.toString())
                        .out(),
                "the written answers plan alike");
        assertEquals(List.of(), ran);
    }

    @Test
    void dryRunPrintsThePlanAndStops(@TempDir Path state) {
        var outcome = run("dir-empty", state, Optional.of(true), "setup", "--dry-run");
        assertEquals(0, outcome.exit());
        assertTrue(
                outcome.out().contains("[1/3] Recreating empty dir pool \"default\" as btrfs pool \"default\""),
                outcome.out());
        assertTrue(outcome.out().endsWith("Dry run: nothing has been changed.\n"), outcome.out());
        assertEquals(List.of(), ran);
    }

    @Test
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    void anotherRunHoldingTheLockMeansExitFive(@TempDir Path state) {
        try (RunLock held = RunLock.tryAcquire(state, 4242).orElseThrow()) {
            var outcome = run("dir-empty", state, Optional.of(true), "setup", "--yes");
            assertEquals(5, outcome.exit());
            assertEquals(
                    "Failed to start setup: another taos-host run (PID 4242) is changing this host.\n"
                            + "Wait for it to finish, then run setup again. Nothing has been changed.\n",
                    outcome.err());
        }
        assertEquals(List.of(), ran);
    }

    @Test
    void migrationIsNotSetupsJob(@TempDir Path state) {
        var outcome = run("dir-with-agents", state, Optional.of(true), "setup", "--yes", "--migrate", "mary");
        assertEquals(2, outcome.exit());
        assertTrue(outcome.err().startsWith("Failed to read --migrate: setup does not move instances."), outcome.err());
        assertEquals(List.of(), ran);
        var preCopy = run("dir-with-agents", state, Optional.of(true), "setup", "--yes", "--no-pre-copy");
        assertEquals(2, preCopy.exit());
        assertTrue(
                preCopy.err()
                        .startsWith("Failed to read --stop-timeout/--force-stop/--no-pre-copy: they say how containers "
                                + "chosen"),
                preCopy.err());
        assertEquals(List.of(), ran);
    }

    @Test
    void aRefusedPlanExitsThreeAndChangesNothing(@TempDir Path state) {
        var outcome = run("daemon-down", state, Optional.of(true), "setup", "--yes");
        assertEquals(3, outcome.exit());
        assertTrue(
                outcome.err().startsWith("Failed to plan the Incus setup: the Incus daemon does not answer"),
                outcome.err());
        assertEquals(List.of(), ran);
    }

    @Test
    void verifyListsEachCheckAndFailsOnAHostNotYetSetUp(@TempDir Path state) {
        var outcome = run("dir-empty", state, Optional.empty(), "verify");
        assertEquals(6, outcome.exit());
        assertTrue(
                outcome.out()
                        .startsWith("ok    Incus daemon answers: Incus 6.0.4\n"
                                + "FAIL  default profile's root pool is copy-on-write: \"default\" (dir, "
                                + "source /var/lib/incus/storage-pools/default)\n"),
                outcome.out());
    }
}

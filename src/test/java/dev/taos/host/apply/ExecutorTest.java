package dev.taos.host.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.TestCommands;
import dev.taos.host.core.plan.Action;
import dev.taos.host.core.plan.Step;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.exec.Runner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorTest {

    /** Records every command; the ones starting with a word in {@code failing} exit 1 with a message. */
    static final class RecordingRunner implements CommandRunner {
        final List<String> ran = new ArrayList<>();
        final List<String> failing;

        RecordingRunner(String... failing) {
            this.failing = List.of(failing);
        }

        @Override
        public Result run(List<String> argv, Duration timeout) {
            String line = String.join(" ", argv);
            ran.add(line);
            return failing.stream().anyMatch(line::startsWith)
                    ? new Result(1, "", "Error: no space left\n", false)
                    : new Result(0, "", "", false);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private static Step step(String description, List<Step.Change> changes) {
        return new Step(Step.Kind.CREATE_POOL, description, changes, 0);
    }

    private static Step.Change run(String... argv) {
        return Step.Change.of(TestCommands.run(argv));
    }

    @Test
    void runsStepsInOrderAndJournalsEachAsDone(@TempDir Path state) throws Exception {
        var runner = new RecordingRunner();
        Path file = state.resolve("etc/taos.conf");
        var steps = List.of(
                step("Creating pool", List.of(run("incus", "storage", "create", "p", "btrfs"))),
                step(
                        "Writing config",
                        List.of(Step.Change.of(new Action.WriteFile(file.toString(), "0640", "A=1\n")))));
        var outcome = new Executor(
                        new Runner(runner),
                        new Journal(state),
                        clock,
                        Executor.Events.text(new PrintStream(out, true, StandardCharsets.UTF_8)))
                .apply("setup", 42, steps);

        assertEquals(new Executor.Outcome.Applied(2), outcome);
        assertEquals(List.of("incus storage create p btrfs"), runner.ran);
        assertEquals("[1/2] Creating pool\n[2/2] Writing config\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("A=1\n", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Journal.Entry entry = new Journal(state).read().orElseThrow();
        assertEquals(Journal.RunState.FINISHED, entry.state());
        assertEquals(
                List.of(Journal.StepStatus.DONE, Journal.StepStatus.DONE),
                entry.steps().stream().map(Journal.StepRecord::status).toList());
    }

    @Test
    void stopsAtTheFirstFailureUndoesWhatRanInReverseAndLeavesLaterStepsPending(@TempDir Path state) {
        var runner = new RecordingRunner("incus storage create p btrfs");
        var steps = List.of(
                step(
                        "Recreating pool",
                        List.of(
                                Step.Change.undone(
                                        TestCommands.run("incus", "profile", "device", "remove", "default", "root"),
                                        TestCommands.run(
                                                "incus", "profile", "device", "add", "default", "root", "disk",
                                                "path=/", "pool=p")),
                                Step.Change.undone(
                                        TestCommands.run("incus", "storage", "delete", "p"),
                                        TestCommands.run("incus", "storage", "create", "p", "dir")),
                                Step.Change.undone(
                                        TestCommands.run("incus", "storage", "create", "p", "btrfs"),
                                        TestCommands.run("incus", "storage", "delete", "p")))),
                step("Never reached", List.of(run("incus", "network", "create", "br"))));
        var outcome = new Executor(
                        new Runner(runner),
                        new Journal(state),
                        clock,
                        Executor.Events.text(new PrintStream(out, true, StandardCharsets.UTF_8)))
                .apply("setup", 42, steps);

        var failed = (Executor.Outcome.Failed) outcome;
        assertEquals(1, failed.number());
        assertEquals(
                "Failed to run `incus storage create p btrfs`: it exited 1 (Error: no space left)", failed.problem());
        assertEquals(
                List.of(
                        "ok: incus storage create p dir",
                        "ok: incus profile device add default root disk path=/ pool=p"),
                failed.revert(),
                "the failed create changed nothing, so only what ran before it is undone, last first");
        assertEquals(
                List.of(
                        "incus profile device remove default root",
                        "incus storage delete p",
                        "incus storage create p btrfs",
                        "incus storage create p dir",
                        "incus profile device add default root disk path=/ pool=p"),
                runner.ran);
        Journal.Entry entry = new Journal(state).read().orElseThrow();
        assertEquals(Journal.RunState.FAILED, entry.state());
        assertEquals(
                List.of(Journal.StepStatus.REVERTED, Journal.StepStatus.PENDING),
                entry.steps().stream().map(Journal.StepRecord::status).toList());
    }

    /** Incus saves a profile change even when hot-plugging it into an instance fails: that action is undone too. */
    @Test
    void anActionThatCanHalfApplyIsUndoneAlongWithWhatRanBeforeIt(@TempDir Path state) {
        var runner = new RecordingRunner("incus profile device add default eth0");
        var steps = List.of(step(
                "Creating bridge",
                List.of(
                        Step.Change.undone(
                                TestCommands.run("incus", "config", "device", "add", "mary", "eth0", "none"),
                                TestCommands.run("incus", "config", "device", "remove", "mary", "eth0")),
                        Step.Change.undone(
                                TestCommands.run("incus", "network", "create", "incusbr0"),
                                TestCommands.run("incus", "network", "delete", "incusbr0")),
                        Step.Change.undoneIfItFails(
                                TestCommands.run(
                                        "incus",
                                        "profile",
                                        "device",
                                        "add",
                                        "default",
                                        "eth0",
                                        "nic",
                                        "network=incusbr0"),
                                TestCommands.run("incus", "profile", "device", "remove", "default", "eth0")))));
        var failed = (Executor.Outcome.Failed)
                new Executor(new Runner(runner), new Journal(state), clock, (number, total, step) -> {})
                        .apply("setup", 42, steps);

        assertEquals(
                List.of(
                        "incus config device add mary eth0 none",
                        "incus network create incusbr0",
                        "incus profile device add default eth0 nic network=incusbr0",
                        "incus profile device remove default eth0",
                        "incus network delete incusbr0",
                        "incus config device remove mary eth0"),
                runner.ran);
        assertEquals(3, failed.revert().size());
    }

    /** A full disk under the state directory: the run stops before the step, which is then not applied at all. */
    @Test
    void aJournalThatCannotBeWrittenStopsTheRunBeforeAnythingChanges(@TempDir Path dir) throws Exception {
        Path notADirectory = dir.resolve("state");
        Files.writeString(notADirectory, "a file where the state directory should be");
        var runner = new RecordingRunner();
        var failed = (Executor.Outcome.Failed) new Executor(
                        new Runner(runner), new Journal(notADirectory), clock, (number, total, step) -> {})
                .apply(
                        "setup",
                        42,
                        List.of(step("Creating pool", List.of(run("incus", "storage", "create", "p", "btrfs")))));
        assertTrue(
                failed.problem().startsWith("Failed to write the journal " + notADirectory.resolve("journal.json")),
                failed.problem());
        assertTrue(failed.problem().endsWith("setup stopped there and changed nothing more"), failed.problem());
        assertEquals(List.of(), runner.ran);
    }

    @Test
    void aJournalLeftRunningNamesTheStepThatWasInterrupted(@TempDir Path state) {
        Journal journal = new Journal(state);
        journal.begin(
                "setup",
                7,
                "2026-11-23T10:00:00Z",
                List.of(new Journal.StepRecord(1, "CREATE_POOL", "Creating pool", Journal.StepStatus.PENDING, "t")));
        journal.step(1, Journal.StepStatus.STARTED, "t");
        Journal.Entry entry = new Journal(state).read().orElseThrow();
        assertEquals(Journal.RunState.RUNNING, entry.state());
        assertEquals("Creating pool", entry.interruptedStep().orElseThrow().description());
    }

    @Test
    void anIdenticalFileIsNotRewrittenAndADifferentOneIsBackedUpFirst(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("unit.service");
        Files.writeString(file, "old\n");
        assertTrue(AtomicFiles.write(file, "0644", "new\n").isPresent());
        Path backup = Files.list(dir)
                .filter(p -> p.getFileName().toString().startsWith("unit.service.taos-backup-"))
                .findFirst()
                .orElseThrow();
        assertEquals("old\n", Files.readString(backup));
        var modified = Files.getLastModifiedTime(file);
        assertTrue(AtomicFiles.write(file, "0644", "new\n").isEmpty());
        assertEquals(modified, Files.getLastModifiedTime(file));
    }

    /**
     * The jar is installed like a written file: atomically, the old one backed up under its hash, an equal one left
     * alone.
     */
    @Test
    void aCopiedFileIsInstalledAtomicallyWithItsOldVersionBackedUp(@TempDir Path dir) throws Exception {
        Path source = Files.writeString(dir.resolve("new.jar"), "new jar");
        Path installed = Files.writeString(dir.resolve("taos-host.jar"), "old jar");
        var runner = new RecordingRunner();
        var outcome = new Executor(
                        new Runner(runner), new Journal(dir.resolve("state")), clock, (number, total, step) -> {})
                .apply(
                        "setup",
                        1,
                        List.of(step(
                                "Installing taos-host.jar",
                                List.of(Step.Change.of(
                                        new Action.CopyFile(source.toString(), installed.toString(), "0644"))))));
        assertEquals(new Executor.Outcome.Applied(1), outcome);
        assertEquals("new jar", Files.readString(installed));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(installed)));
        assertEquals(
                List.of("old jar"),
                Files.list(dir)
                        .filter(p -> p.getFileName().toString().startsWith("taos-host.jar.taos-backup-"))
                        .map(p -> {
                            try {
                                return Files.readString(p);
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        })
                        .toList());
        assertEquals(
                List.of(),
                Files.list(dir)
                        .filter(p -> p.getFileName().toString().contains("taos-tmp"))
                        .toList(),
                "no temporary file is left");
    }

    @Test
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    void aSecondLockOnTheSameStateDirectoryIsRefusedUntilTheFirstIsReleased(@TempDir Path state) {
        try (RunLock first = RunLock.tryAcquire(state, 11).orElseThrow()) {
            assertEquals("11", RunLock.holder(state));
            assertTrue(RunLock.tryAcquire(state, 12).isEmpty(), "a second run got the lock");
        }
        RunLock.tryAcquire(state, 12).orElseThrow().close();
    }
}

package dev.taos.host.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.core.plan.Action;
import dev.taos.host.core.plan.Step;
import dev.taos.host.exec.CommandRunner;
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
            return failing.stream().anyMatch(line::startsWith) ? new Result(1, "", "Error: no space left\n", false) : new Result(0, "", "", false);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private static Step step(String description, List<Action> actions, List<Action> revert) {
        return new Step(Step.Kind.CREATE_POOL, description, actions, revert, 0);
    }

    @Test
    void runsStepsInOrderAndJournalsEachAsDone(@TempDir Path state) throws Exception {
        var runner = new RecordingRunner();
        Path file = state.resolve("etc/taos.conf");
        var steps = List.of(step("Creating pool", List.of(Action.Run.of("incus", "storage", "create", "p", "btrfs")), List.of()),
                step("Writing config", List.of(new Action.WriteFile(file.toString(), "0640", "A=1\n")), List.of()));
        var outcome = new Executor(runner, new Journal(state), clock, Executor.Events.text(new PrintStream(out, true, StandardCharsets.UTF_8))).apply("setup", 42, steps);

        assertEquals(new Executor.Outcome.Applied(2), outcome);
        assertEquals(List.of("incus storage create p btrfs"), runner.ran);
        assertEquals("[1/2] Creating pool\n[2/2] Writing config\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("A=1\n", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Journal.Entry entry = new Journal(state).read().orElseThrow();
        assertEquals(Journal.RunState.FINISHED, entry.state());
        assertEquals(List.of(Journal.StepStatus.DONE, Journal.StepStatus.DONE), entry.steps().stream().map(Journal.StepRecord::status).toList());
    }

    @Test
    void stopsAtTheFirstFailureRunsThatStepsRevertAndLeavesLaterStepsPending(@TempDir Path state) {
        var runner = new RecordingRunner("incus storage create");
        var steps = List.of(
                step("Recreating pool", List.of(Action.Run.of("incus", "storage", "delete", "p"), Action.Run.of("incus", "storage", "create", "p", "btrfs")),
                        List.of(Action.Run.of("incus", "storage", "create", "p", "dir"))),
                step("Never reached", List.of(Action.Run.of("incus", "network", "create", "br")), List.of()));
        var outcome = new Executor(runner, new Journal(state), clock, Executor.Events.text(new PrintStream(out, true, StandardCharsets.UTF_8))).apply("setup", 42, steps);

        var failed = (Executor.Outcome.Failed) outcome;
        assertEquals(1, failed.number());
        assertEquals("`incus storage create p btrfs` exited 1: Error: no space left", failed.problem());
        assertEquals(List.of("did not apply: incus storage create p dir (`incus storage create p dir` exited 1: Error: no space left)"), failed.revert());
        assertEquals(List.of("incus storage delete p", "incus storage create p btrfs", "incus storage create p dir"), runner.ran);
        Journal.Entry entry = new Journal(state).read().orElseThrow();
        assertEquals(Journal.RunState.FAILED, entry.state());
        assertEquals(List.of(Journal.StepStatus.REVERTED, Journal.StepStatus.PENDING), entry.steps().stream().map(Journal.StepRecord::status).toList());
    }

    @Test
    void aJournalLeftRunningNamesTheStepThatWasInterrupted(@TempDir Path state) {
        Journal journal = new Journal(state);
        journal.begin("setup", 7, "2026-11-23T10:00:00Z", List.of(new Journal.StepRecord(1, "CREATE_POOL", "Creating pool", Journal.StepStatus.PENDING, "t")));
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
        Path backup = Files.list(dir).filter(p -> p.getFileName().toString().startsWith("unit.service.taos-backup-")).findFirst().orElseThrow();
        assertEquals("old\n", Files.readString(backup));
        var modified = Files.getLastModifiedTime(file);
        assertTrue(AtomicFiles.write(file, "0644", "new\n").isEmpty());
        assertEquals(modified, Files.getLastModifiedTime(file));
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

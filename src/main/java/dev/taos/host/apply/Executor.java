package dev.taos.host.apply;

import static dev.taos.host.apply.JournalFailed.journaled;

import dev.taos.host.apply.Journal.RunState;
import dev.taos.host.apply.Journal.StepRecord;
import dev.taos.host.apply.Journal.StepStatus;
import dev.taos.host.core.plan.Action;
import dev.taos.host.core.plan.Step;
import dev.taos.host.exec.CommandFailed;
import dev.taos.host.exec.Runner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The only code that changes the host. Runs the plan's steps in order, journaled before and after each, and stops at
 * the first failure: what that step did so far is undone in reverse order (each undo on its own, best effort, every
 * result reported) and earlier steps stay done, since each step leaves the host consistent. A journal that cannot be
 * written (a full disk) stops the run before anything more changes.
 */
public final class Executor {

    /** What applying came to. */
    public sealed interface Outcome {
        record Applied(int steps) implements Outcome {}

        /**
         * {@code problem} reads "Failed to run `command`: it exited 1 (tail of stderr)"; {@code revert} has one line
         * per undo that ran.
         */
        record Failed(int number, Step step, String problem, List<String> revert) implements Outcome {}
    }

    /** Told as each step starts and ends: text for a person, or JSON events for a provisioning tool. */
    public interface Events {
        void started(int number, int total, Step step);

        default void finished(int number, int total, Step step) {}

        default void failed(int number, int total, Step step, String problem) {}

        /** Every second while the step runs: how long it has run so far (apt, a pool's creation). */
        default void running(int number, int total, Step step, Duration elapsed) {}

        /** The log line an operator reads: {@code [3/7] Creating btrfs pool "default" (50 GiB loop file)}. */
        static Events text(PrintStream out) {
            return (number, total, step) -> out.printf("[%d/%d] %s%n", number, total, step.description());
        }
    }

    private final Runner runner;
    private final Journal journal;
    private final Clock clock;
    private final Events events;

    public Executor(Runner runner, Journal journal, Clock clock, Events events) {
        this.runner = runner;
        this.journal = journal;
        this.clock = clock;
        this.events = events;
    }

    public Outcome apply(String command, long pid, List<Step> steps) {
        List<StepRecord> records = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            records.add(new StepRecord(
                    i + 1, steps.get(i).kind().name(), steps.get(i).description(), StepStatus.PENDING, now()));
        }
        int number = 0;
        try {
            journaled("setup", () -> journal.begin(command, pid, now(), records));
            for (Step step : steps) {
                number++;
                events.started(number, steps.size(), step);
                int at = number;
                journaled("setup", () -> journal.step(at, StepStatus.STARTED, now()));
                Optional<Outcome.Failed> failed = run(number, steps.size(), step);
                if (failed.isPresent()) {
                    journaled("setup", () -> journal.step(at, StepStatus.REVERTED, now()));
                    journaled("setup", () -> journal.end(RunState.FAILED));
                    return failed.get();
                }
                journaled("setup", () -> journal.step(at, StepStatus.DONE, now()));
                events.finished(number, steps.size(), step);
            }
            journaled("setup", () -> journal.end(RunState.FINISHED));
        } catch (JournalFailed e) {
            Step step = steps.get(Math.max(0, number - 1));
            events.failed(number, steps.size(), step, e.getMessage());
            return new Outcome.Failed(number, step, e.getMessage(), List.of());
        }
        return new Outcome.Applied(steps.size());
    }

    /** Runs the step's actions in order; at the first failure, undoes what ran, last first, and says what happened. */
    private Optional<Outcome.Failed> run(int number, int total, Step step) {
        List<Step.Change> changes = step.changes();
        int failed = -1;
        String problem = null;
        Heartbeat beat =
                Heartbeat.every(Duration.ofSeconds(1), elapsed -> events.running(number, total, step, elapsed));
        try {
            for (int i = 0; i < changes.size() && problem == null; i++) {
                problem = run(changes.get(i).action());
                failed = i;
            }
        } finally {
            beat.close();
        }
        if (problem != null) {
            events.failed(number, total, step, problem);
            return Optional.of(new Outcome.Failed(number, step, problem, undo(changes, failed)));
        }
        return Optional.empty();
    }

    private String run(Action action) {
        try {
            if (action instanceof Action.Run run) {
                runner.run(run.command());
                return null;
            }
            if (action instanceof Action.WriteFile write) {
                AtomicFiles.write(Path.of(write.path()), write.mode(), write.content());
                return null;
            }
            if (action instanceof Action.CopyFile copy) {
                AtomicFiles.copy(Path.of(copy.source()), Path.of(copy.path()), copy.mode());
                return null;
            }
            if (action instanceof Action.EditSubIds edit) {
                SubIdFile.edit(Path.of(edit.path()), edit.line(), edit.add());
                return null;
            }
            return "this step needs " + ((Action.Check) action).what()
                    + ", which setup does not do; use taos-host migrate";
        } catch (CommandFailed e) {
            return e.getMessage();
        } catch (IOException | RuntimeException e) {
            return action.display() + " failed: "
                    + (e instanceof IOException io ? AtomicFiles.problem(io) : e.getMessage());
        }
    }

    /**
     * The undos of the changes before {@code failed} (and of the failed one when it may have half-applied), last first.
     */
    private List<String> undo(List<Step.Change> changes, int failed) {
        List<String> report = new ArrayList<>();
        for (int i = failed; i >= 0; i--) {
            Step.Change change = changes.get(i);
            if (i == failed && !change.undoneIfItFails()) {
                continue;
            }
            for (Action undo : change.undo()) {
                String problem = run(undo);
                report.add((problem == null ? "ok: " : "did not apply: ")
                        + undo.display()
                        + (problem == null ? "" : " (" + problem + ")"));
            }
        }
        return report;
    }

    private String now() {
        return clock.instant().toString();
    }
}

package dev.taos.host.apply;

import dev.taos.host.apply.Journal.RunState;
import dev.taos.host.apply.Journal.StepRecord;
import dev.taos.host.apply.Journal.StepStatus;
import dev.taos.host.core.plan.Action;
import dev.taos.host.core.plan.Step;
import dev.taos.host.exec.CommandRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The only code that changes the host. Runs the plan's steps in order, journaled before and after each, and stops at
 * the first failure: that step's revert actions run (each on its own, best effort, every result reported) and earlier
 * steps stay done, since each step leaves the host consistent.
 */
public final class Executor {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(30);

    /** What applying came to. */
    public sealed interface Outcome {
        record Applied(int steps) implements Outcome {
        }

        /** {@code problem} reads "`command` exited 1: tail of stderr"; {@code revert} has one line per revert action. */
        record Failed(int number, Step step, String problem, List<String> revert) implements Outcome {
        }
    }

    /** Told as each step starts and ends: text for a person, or JSON events for a provisioning tool. */
    public interface Events {
        void started(int number, int total, Step step);

        default void finished(int number, int total, Step step) {
        }

        default void failed(int number, int total, Step step, String problem) {
        }

        /** The log line an operator reads: {@code [3/7] Creating btrfs pool "default" (50 GiB loop file)}. */
        static Events text(PrintStream out) {
            return (number, total, step) -> out.printf("[%d/%d] %s%n", number, total, step.description());
        }
    }

    private final CommandRunner runner;
    private final Journal journal;
    private final Clock clock;
    private final Events events;

    public Executor(CommandRunner runner, Journal journal, Clock clock, Events events) {
        this.runner = runner;
        this.journal = journal;
        this.clock = clock;
        this.events = events;
    }

    public Outcome apply(String command, long pid, List<Step> steps) {
        List<StepRecord> records = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            records.add(new StepRecord(i + 1, steps.get(i).kind().name(), steps.get(i).description(), StepStatus.PENDING, now()));
        }
        journal.begin(command, pid, now(), records);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            int number = i + 1;
            events.started(number, steps.size(), step);
            journal.step(number, StepStatus.STARTED, now());
            String problem = run(step.actions());
            if (problem != null) {
                journal.step(number, StepStatus.FAILED, now());
                events.failed(number, steps.size(), step, problem);
                List<String> revert = revert(step);
                journal.step(number, StepStatus.REVERTED, now());
                journal.end(RunState.FAILED);
                return new Outcome.Failed(number, step, problem, revert);
            }
            journal.step(number, StepStatus.DONE, now());
            events.finished(number, steps.size(), step);
        }
        journal.end(RunState.FINISHED);
        return new Outcome.Applied(steps.size());
    }

    /** Runs the actions in order; the first failure's description, or null when all succeeded. */
    private String run(List<Action> actions) {
        for (Action action : actions) {
            String problem = run(action);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String run(Action action) {
        if (action instanceof Action.Run run) {
            CommandRunner.Result result = runner.run(run.argv(), COMMAND_TIMEOUT);
            return result.ok() ? null : result.failure(run.display(), COMMAND_TIMEOUT);
        }
        if (action instanceof Action.WriteFile write) {
            try {
                AtomicFiles.write(Path.of(write.path()), write.mode(), write.content());
                return null;
            } catch (IOException | RuntimeException e) {
                return "writing " + write.path() + " failed: " + e.getMessage();
            }
        }
        return "this step needs " + ((Action.Check) action).what() + ", which setup does not do; use taos-host migrate";
    }

    private List<String> revert(Step step) {
        List<String> report = new ArrayList<>();
        for (Action action : step.revert()) {
            String problem = run(action);
            report.add((problem == null ? "ok: " : "did not apply: ") + action.display() + (problem == null ? "" : " (" + problem + ")"));
        }
        return report;
    }

    private String now() {
        return clock.instant().toString();
    }
}

package dev.taos.host.ui.output;

import dev.taos.host.app.ExitCode;
import dev.taos.host.app.SetupFlow;
import dev.taos.host.apply.Executor;
import dev.taos.host.apply.Journal;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.plan.PlanOutcome.Plan;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import dev.taos.host.core.plan.Step;
import dev.taos.host.core.verify.Verifier.Check;
import dev.taos.host.ui.Operator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What setup tells the operator: text for a person, or with {@code --json} one JSON object per line (schema in
 * docs/scripting.md): notes, the plan, each step as it starts and ends, the checks, and a last {@code result} event.
 */
public final class SetupReport implements SetupFlow.Ui, FlowLines {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final Operator operator;
    /** How long the running step had run at its last beat, and whether a line said so. */
    private long runningSeconds;

    private boolean runningShown;
    private final LiveLine line = new LiveLine();

    public SetupReport(PrintStream out, PrintStream err, boolean json, Operator operator) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.operator = operator;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    @Override
    public void planChanged() {
        err.println("Failed to apply the plan: the host changed while the questions were asked, and the plan made now"
                + " differs from the one shown. Nothing has been changed; run taos-host again to see the new plan.");
    }

    @Override
    public Optional<Boolean> confirm(String question) {
        return operator.confirm(question);
    }

    @Override
    public void interrupted(List<InstanceMigration> migrations, Optional<Journal.Entry> setup) {
        migrations.forEach(m -> note(MigrationWords.interruptedNote(m)));
        setup.ifPresent(entry -> note("An earlier " + entry.command() + " run (PID " + entry.pid() + ", started "
                + entry.startedAt() + ") was interrupted"
                + entry.interruptedStep()
                        .map(s -> " during step " + s.number() + " (" + s.description() + ")")
                        .orElse("")
                + ". This run reads the host afresh and completes what is left."));
    }

    @Override
    public void note(String message) {
        if (json) {
            emit(new SetupEvent.Note(message));
        } else {
            out.println(message + "\n");
        }
    }

    @Override
    public void plan(Plan plan) {
        if (json) {
            emit(new SetupEvent.PlanMade(PlanReport.json(plan)));
        } else {
            out.print(PlanReport.steps(plan));
        }
    }

    @Override
    public void refused(Refusal refusal, ExitCode exit) {
        if (json) {
            emit(SetupEvent.Result.refused(exit.code(), PlanReport.json(refusal).refusal()));
        } else {
            err.print(PlanReport.render(refusal));
        }
    }

    /** The run ended without applying anything: nothing to do, a dry run, or a "no". */
    @Override
    public void unchanged(SetupFlow.Unchanged why, Plan plan, ExitCode exit) {
        switch (why) {
            case NOTHING_TO_DO -> result("nothing-to-do", exit, plan.summary(), List.of());
            case DRY_RUN -> result("dry-run", exit, "\nDry run: nothing has been changed.", List.of());
            case DECLINED -> result("declined", exit, "Nothing has been changed.", List.of());
        }
    }

    @Override
    public void applying() {
        if (!json) {
            out.println();
        }
    }

    @Override
    public void started(int number, int total, Step step) {
        if (json) {
            emitStep(number, total, step, "started", null);
        } else {
            out.printf("[%d/%d] %s%n", number, total, step.description());
        }
    }

    /**
     * A step that takes a while shows it is alive: on a terminal a line redrawn each second from the second one on, in
     * a log a plain line every 10 s, with {@code --json} a progress event every 5 s.
     */
    @Override
    public synchronized void running(int number, int total, Step step, Duration elapsed) {
        long seconds = elapsed.toSeconds();
        // Counted in periods, not exact seconds: a late beat (a busy machine) must not skip its line.
        long period = json ? 5 : operator.atTerminal() ? 1 : 10;
        boolean due = seconds / period > runningSeconds / period && (!operator.atTerminal() || json || seconds >= 2);
        runningSeconds = seconds;
        if (!due) {
            return;
        }
        if (json) {
            emit(new SetupEvent.Progress(number, total, MigrateOutput.jsonName(step.kind()), seconds));
        } else {
            String working = "      still working: " + seconds + " s";
            out.print(operator.atTerminal() ? line.redraw(working) : working + "\n");
            runningShown = true;
        }
    }

    @Override
    public synchronized void finished(int number, int total, Step step) {
        if (json) {
            emitStep(number, total, step, "done", null);
        } else if (runningShown) {
            String done = "      done after " + runningSeconds + " s";
            out.print((operator.atTerminal() ? line.redraw(done) : done) + "\n");
        }
        runningShown = false;
        runningSeconds = 0;
        line.leave();
    }

    @Override
    public synchronized void failed(int number, int total, Step step, String problem) {
        if (json) {
            emitStep(number, total, step, "failed", problem);
        } else if (runningShown && operator.atTerminal()) {
            out.println();
        }
        runningShown = false;
        runningSeconds = 0;
        line.leave();
    }

    @Override
    public void stepFailed(Executor.Outcome.Failed failed, ExitCode exit) {
        String message = "Failed to apply step " + failed.number() + " ("
                + failed.step().description() + "): " + failed.problem();
        if (json) {
            emit(SetupEvent.Result.failed(exit.code(), message, failed.revert()));
            return;
        }
        err.println(message);
        if (!failed.revert().isEmpty()) {
            err.println("Undoing that step:");
            failed.revert().forEach(line -> err.println("  " + line));
        }
        err.println(
                "Steps before it are done and stay. Fix the cause above, then run setup again: it continues from the "
                        + "host's state.");
    }

    /** The checks after applying; the exit code says whether they all hold. */
    @Override
    public void verified(int steps, List<Check> checks, boolean last, ExitCode exit) {
        boolean ok = exit == ExitCode.OK;
        String message = ok
                ? "Setup finished: " + steps + " step(s) applied."
                : "Failed to reach the wanted state: the checks marked FAIL did not hold after every step succeeded. "
                        + "Run taos-host verify for details.";
        if (json) {
            if (last || !ok) {
                result(ok ? "applied" : "not-as-wanted", exit, message, checks);
            }
            return;
        }
        out.println();
        out.print(VerifyReport.render(checks));
        (ok ? out : err).println(message);
        if (!last) {
            out.println();
        }
    }

    private void result(String outcome, ExitCode exit, String message, List<Check> checks) {
        if (json) {
            emit(SetupEvent.Result.ended(outcome, exit.code(), message, checks));
        } else {
            out.println(message);
        }
    }

    private void emit(SetupEvent event) {
        out.println(Json.line(event));
    }

    private void emitStep(int number, int total, Step step, String state, String problem) {
        emit(new SetupEvent.Step(
                number, total, MigrateOutput.jsonName(step.kind()), step.description(), state, problem));
    }
}

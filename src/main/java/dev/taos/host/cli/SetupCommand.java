package dev.taos.host.cli;

import dev.taos.host.ExitCode;
import dev.taos.host.apply.Executor;
import dev.taos.host.apply.Journal;
import dev.taos.host.apply.MigrationJournal;
import dev.taos.host.apply.RunLock;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.PlanOutcome;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "setup", description = "Detect the host, show the plan, and apply it once confirmed (or with --yes).")
final class SetupCommand implements Callable<Integer> {

    @ParentCommand
    TaosHostCommand parent;

    @Mixin
    RequestOptions options;

    @Option(names = {"--yes", "-y"}, description = "Apply without asking (for provisioning).")
    boolean yes;

    @Option(names = "--dry-run", description = "Plan, print the whole plan (storage, files, units), and stop.")
    boolean dryRun;

    @Override
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    public Integer call() {
        InstallRequest request = options.toRequest();
        if (!(request.migrate() instanceof MigrateSelection.None)) {
            throw new RequestOptions.InvalidInput("Failed to read --migrate: setup does not move instances. "
                    + "Run taos-host setup first, then taos-host migrate for the instances you choose.");
        }
        HostEnvironment env = parent.environment();
        PrintStream out = parent.out();
        PrintStream err = parent.err();
        Optional<RunLock> lock = HostLock.acquire(env, "setup", err);
        if (lock.isEmpty()) {
            return ExitCode.LOCKED.code();
        }
        try (RunLock held = lock.get()) {
            Journal journal = new Journal(env.stateDir());
            reportEarlierRun(journal, new MigrationJournal(env.stateDir()), out);
            HostFacts facts = env.probe(null);
            PlanOutcome outcome = PlanCommand.plan(env, facts, request);
            if (outcome instanceof PlanOutcome.Refusal refusal) {
                err.print(PlanReport.render(refusal));
                return PlanReport.exitCode(outcome).code();
            }
            PlanOutcome.Plan plan = (PlanOutcome.Plan) outcome;
            if (plan.nothingToDo()) {
                out.println(plan.summary());
                return ExitCode.OK.code();
            }
            out.print(PlanReport.steps(plan));
            if (dryRun) {
                out.println("\nDry run: nothing has been changed.");
                return ExitCode.OK.code();
            }
            if (!yes) {
                Optional<Boolean> answer = env.confirm("\nApply these " + plan.steps().size() + " steps?");
                if (answer.isEmpty()) {
                    err.println("Failed to start setup: there is no terminal to confirm on. "
                            + "Run with --yes to apply unattended, or --dry-run to only see the plan. Nothing has been changed.");
                    return ExitCode.INVALID_INPUT.code();
                }
                if (!answer.get()) {
                    out.println("Nothing has been changed.");
                    return ExitCode.INTERRUPTED.code();
                }
            }
            out.println();
            return apply(env, journal, plan, out, err);
        }
    }

    private static void reportEarlierRun(Journal journal, MigrationJournal migrations, PrintStream out) {
        migrations.read().stream().filter(InstanceMigration::unfinished).forEach(m -> out.println("An interrupted migration of \"" + m.name()
                + "\" exists (" + m.progress() + "): setup leaves it alone; run taos-host migrate --resume or --rollback.\n"));
        journal.read().filter(entry -> entry.state() == Journal.RunState.RUNNING).ifPresent(entry -> {
            String where = entry.interruptedStep().map(s -> " during step " + s.number() + " (" + s.description() + ")").orElse("");
            out.println("An earlier " + entry.command() + " run (PID " + entry.pid() + ", started " + entry.startedAt() + ") was interrupted" + where
                    + ". Setup reads the host afresh and completes what is left.\n");
        });
    }

    private static int apply(HostEnvironment env, Journal journal, PlanOutcome.Plan plan, PrintStream out, PrintStream err) {
        var executor = new Executor(env.runner(), journal, env.clock(), out);
        Executor.Outcome result = executor.apply("setup", env.pid(), plan.steps());
        if (result instanceof Executor.Outcome.Failed failed) {
            err.println("Failed to apply step " + failed.number() + " (" + failed.step().description() + "): " + failed.problem());
            if (!failed.revert().isEmpty()) {
                err.println("Undoing that step:");
                failed.revert().forEach(line -> err.println("  " + line));
            }
            err.println("Steps before it are done and stay. Fix the cause above, then run setup again: it continues from the host's state.");
            return ExitCode.STEP_FAILED.code();
        }
        HostFacts after = env.probe(null);
        var report = VerifyCommand.verify(env, after);
        out.println();
        out.print(VerifyCommand.render(report));
        if (!VerifyCommand.allOk(report)) {
            err.println("Failed to reach the wanted state: the checks marked FAIL above did not hold after every step succeeded. Run taos-host verify for details.");
            return ExitCode.STEP_FAILED.code();
        }
        out.println("Setup finished: " + plan.steps().size() + " step(s) applied.");
        return ExitCode.OK.code();
    }
}

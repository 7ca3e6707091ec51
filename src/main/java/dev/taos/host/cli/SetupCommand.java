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
import dev.taos.host.core.plan.StopPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(mixinStandardHelpOptions = true, name = "setup", description = "Detect the host, show the plan, and apply it once confirmed (or with --yes).")
final class SetupCommand implements Callable<Integer> {

    @ParentCommand
    TaosHostCommand parent;

    @Mixin
    RequestOptions options;

    @Option(names = {"--yes", "-y"}, description = "Apply without asking (for provisioning).")
    boolean yes;

    @Option(names = "--dry-run", description = "Plan, print the whole plan (storage, files, units), and stop.")
    boolean dryRun;

    @Option(names = "--json", description = "Print one JSON event per line instead of text (schema in README.md); needs --yes or --dry-run.")
    boolean json;

    @Override
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    public Integer call() {
        InstallRequest request = options.toRequest();
        if (!(request.migrate() instanceof MigrateSelection.None)) {
            throw new RequestOptions.InvalidInput("Failed to read --migrate: setup does not move instances. "
                    + "Run taos-host setup first, then taos-host migrate for the instances you choose "
                    + "(or taos-host --unattended --yes, which does both).");
        }
        if (!request.stop().equals(StopPolicy.defaults())) {
            throw new RequestOptions.InvalidInput("Failed to read --stop-timeout/--force-stop: they say how containers chosen for migration are stopped,"
                    + " and setup stops and moves none. Leave them out, or give them to taos-host migrate.");
        }
        if (json && !yes && !dryRun) {
            throw new RequestOptions.InvalidInput("Failed to read --json: setup --json does not ask questions, so it needs --yes (apply) or --dry-run (only plan).");
        }
        HostEnvironment env = parent.environment();
        SetupReport report = new SetupReport(parent.out(), parent.err(), json);
        Optional<RunLock> lock = HostLock.acquire(env, "setup", parent.err());
        if (lock.isEmpty()) {
            return ExitCode.LOCKED.code();
        }
        try (RunLock held = lock.get()) {
            Journal journal = new Journal(env.stateDir());
            earlierRuns(journal, new MigrationJournal(env.stateDir())).forEach(report::note);
            PlanOutcome outcome = PlanCommand.plan(env, env.probe(null), request);
            if (outcome instanceof PlanOutcome.Refusal refusal) {
                return report.refused(refusal);
            }
            PlanOutcome.Plan plan = (PlanOutcome.Plan) outcome;
            if (plan.nothingToDo()) {
                return report.unchanged("nothing-to-do", plan.summary(), ExitCode.OK);
            }
            report.plan(plan);
            if (dryRun) {
                return report.unchanged("dry-run", "\nDry run: nothing has been changed.", ExitCode.OK);
            }
            if (!yes) {
                Optional<Boolean> answer = env.confirm("\nApply these " + plan.steps().size() + " steps?");
                if (answer.isEmpty()) {
                    parent.err().println("Failed to start setup: there is no terminal to confirm on. "
                            + "Run with --yes to apply unattended, or --dry-run to only see the plan. Nothing has been changed.");
                    return ExitCode.INVALID_INPUT.code();
                }
                if (!answer.get()) {
                    return report.unchanged("declined", "Nothing has been changed.", ExitCode.INTERRUPTED);
                }
            }
            return apply(env, journal, plan, report, true);
        }
    }

    /** Warnings about runs that did not finish. */
    static List<String> earlierRuns(Journal journal, MigrationJournal migrations) {
        List<String> notes = new ArrayList<>();
        migrations.read().stream().filter(InstanceMigration::unfinished).forEach(m -> notes.add(m.interruptedNote()));
        journal.read().filter(entry -> entry.state() == Journal.RunState.RUNNING).ifPresent(entry -> {
            String where = entry.interruptedStep().map(s -> " during step " + s.number() + " (" + s.description() + ")").orElse("");
            notes.add("An earlier " + entry.command() + " run (PID " + entry.pid() + ", started " + entry.startedAt() + ") was interrupted" + where
                    + ". This run reads the host afresh and completes what is left.");
        });
        return notes;
    }

    /** Applies the plan, then checks the host; {@code last} is false when more (a migration) follows in the same run. */
    static int apply(HostEnvironment env, Journal journal, PlanOutcome.Plan plan, SetupReport report, boolean last) {
        report.applying();
        Executor.Outcome result = new Executor(env.runner(), journal, env.clock(), report).apply("setup", env.pid(), plan.steps());
        if (result instanceof Executor.Outcome.Failed failed) {
            return report.stepFailed(failed);
        }
        HostFacts after = env.probe(null);
        return report.verified(plan.steps().size(), VerifyCommand.verify(env, after), last);
    }
}

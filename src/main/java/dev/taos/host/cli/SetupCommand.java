package dev.taos.host.cli;

import dev.taos.host.app.ExitCode;
import dev.taos.host.app.InvalidInput;
import dev.taos.host.app.SetupFlow;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.StopPolicy;
import dev.taos.host.ui.output.SetupReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        mixinStandardHelpOptions = true,
        name = "setup",
        description = "Detect the host, show the plan, and apply it once confirmed (or with --yes).")
final class SetupCommand implements Callable<ExitCode> {

    @ParentCommand
    TaosHostCommand parent;

    @Mixin
    RequestOptions options;

    @Option(
            names = {"--yes", "-y"},
            description = "Apply without asking (for provisioning).")
    boolean yes;

    @Option(names = "--dry-run", description = "Plan, print the whole plan (storage, files, units), and stop.")
    boolean dryRun;

    @Option(
            names = "--json",
            description = "Print one JSON event per line instead of text (schema in docs/scripting.md); needs --yes or "
                    + "--dry-run.")
    boolean json;

    @Override
    public ExitCode call() {
        InstallRequest request = options.toRequest();
        if (!(request.migrate() instanceof MigrateSelection.None)) {
            throw new InvalidInput("Failed to read --migrate: setup does not move instances. "
                    + "Run taos-host setup first, then taos-host migrate for the instances you choose "
                    + "(or taos-host --unattended --yes, which does both).");
        }
        if (!request.stop().equals(StopPolicy.defaults())) {
            throw new InvalidInput(
                    "Failed to read --stop-timeout/--force-stop/--no-pre-copy: they say how containers chosen for "
                            + "migration are stopped,"
                            + " and setup stops and moves none. Leave them out, or give them to taos-host migrate.");
        }
        if (json && !yes && !dryRun) {
            throw new InvalidInput(
                    "Failed to read --json: setup --json does not ask questions, so it needs --yes (apply) or "
                            + "--dry-run (only plan).");
        }
        SetupReport report = new SetupReport(parent.out(), parent.err(), json, parent.operator());
        return new SetupFlow(parent.host().withAppUser(request.app().user()), report)
                .run(request, new SetupFlow.Options(yes, dryRun));
    }
}

package dev.taos.host.cli;

import dev.taos.host.app.ExitCode;
import dev.taos.host.app.Host;
import dev.taos.host.app.PlanFlow;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.PlanOutcome;
import dev.taos.host.ui.output.Json;
import dev.taos.host.ui.output.PlanReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        mixinStandardHelpOptions = true,
        name = "plan",
        description =
                "Detect the host and show, step by step, what setup would do (storage, files, units). Changes nothing.")
final class PlanCommand implements Callable<ExitCode> {

    @ParentCommand
    TaosHostCommand parent;

    @Mixin
    RequestOptions options;

    @Option(names = "--json", description = "Print the plan as JSON (schema in docs/scripting.md).")
    boolean json;

    @Option(
            names = {"--yes", "-y"},
            description = "Accepted so plan and setup take the same flags; plan never changes anything.")
    boolean yes;

    @Override
    public ExitCode call() {
        InstallRequest request = options.toRequest();
        Host host = parent.host().withAppUser(request.app().user());
        PlanOutcome outcome = PlanFlow.plan(host, request);
        if (json) {
            parent.out().println(Json.write(PlanReport.json(outcome)));
        } else if (outcome instanceof PlanOutcome.Plan plan) {
            parent.out().print(PlanReport.render(plan));
        } else {
            parent.err().print(PlanReport.render((PlanOutcome.Refusal) outcome));
        }
        return ExitCode.of(outcome);
    }
}

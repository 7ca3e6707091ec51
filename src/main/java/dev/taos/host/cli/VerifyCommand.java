package dev.taos.host.cli;

import dev.taos.host.app.ExitCode;
import dev.taos.host.app.Host;
import dev.taos.host.app.VerifyFlow;
import dev.taos.host.core.plan.AppChoice;
import dev.taos.host.core.verify.Verifier.Check;
import dev.taos.host.ui.output.VerifyReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        mixinStandardHelpOptions = true,
        name = "verify",
        description =
                "Check that the host is in the state setup makes: pool, default profile, instances, files, units. "
                        + "Changes nothing.")
final class VerifyCommand implements Callable<ExitCode> {

    @ParentCommand
    TaosHostCommand parent;

    @Option(names = "--json", description = "Print the checks as JSON (schema in docs/scripting.md).")
    boolean json;

    @Option(
            names = "--app-user",
            paramLabel = "NAME",
            converter = Converters.AppUser.class,
            description = "The user the taOS app deploys as (default: User= of tinyagentos.service, else the owner of "
                    + "/opt/tinyagentos, else taos).")
    String appUser;

    @Override
    public ExitCode call() {
        Host host = parent.host().withAppUser(java.util.Optional.ofNullable(appUser));
        List<Check> checks = VerifyFlow.checks(host, AppChoice.defaults());
        ExitCode exit = VerifyFlow.exit(checks);
        parent.print(
                json,
                new VerifyReport.VerifyJson(1, exit == ExitCode.OK, exit.code(), checks),
                () -> VerifyReport.render(checks));
        return exit;
    }
}

package dev.taos.host.cli;

import dev.taos.host.app.DetectFlow;
import dev.taos.host.app.ExitCode;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.ui.output.FactsReport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        mixinStandardHelpOptions = true,
        name = "detect",
        description =
                "Describe the host: system, filesystems, kernel, tools, Incus, pools, instances, taOS units. Changes "
                        + "nothing.")
final class DetectCommand implements Callable<ExitCode> {

    @ParentCommand
    TaosHostCommand parent;

    @Option(names = "--json", description = "Print the whole record as JSON (schema in docs/scripting.md).")
    boolean json;

    @Option(
            names = "--capture",
            paramLabel = "DIR",
            description = "Also save the raw Incus answers and these facts, normalized, as a test fixture in DIR.")
    Path capture;

    @Option(
            names = "--app-user",
            paramLabel = "NAME",
            converter = Converters.AppUser.class,
            description = "The user the taOS app deploys as (default: User= of tinyagentos.service, else the owner of "
                    + "/opt/tinyagentos, else taos).")
    String appUser;

    @Override
    public ExitCode call() throws Exception {
        HostFacts facts =
                DetectFlow.facts(parent.host().withAppUser(Optional.ofNullable(appUser)), Optional.ofNullable(capture));
        parent.print(json, facts, () -> FactsReport.render(facts));
        return ExitCode.OK;
    }
}

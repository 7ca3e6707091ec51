package dev.taos.host.cli;

import dev.taos.host.app.ExitCode;
import dev.taos.host.ui.output.ManPage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Prints taos-host(1) in roff, made from the command definitions; install.sh installs it. */
@Command(
        name = "generate-man-page",
        hidden = true,
        description = "Print the taos-host(1) manual page (roff), made from the command definitions.")
final class ManPageCommand implements Callable<ExitCode> {

    @ParentCommand
    TaosHostCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public ExitCode call() {
        parent.out()
                .print(ManPage.render(
                        spec.parent(), LocalDate.now(ZoneOffset.UTC).toString()));
        return ExitCode.OK;
    }
}

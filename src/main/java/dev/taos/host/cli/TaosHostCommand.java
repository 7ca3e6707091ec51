package dev.taos.host.cli;

import dev.taos.host.ExitCode;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "taos-host", mixinStandardHelpOptions = true, version = "taos-host 0.1.0",
        description = "Prepares an Incus host for fast, copy-on-write taOS agent deploys.",
        subcommands = {DetectCommand.class, PlanCommand.class, SetupCommand.class, MigrateCommand.class, VerifyCommand.class, PoolWatchCommand.class, BenchCommand.class, FetchBaseImageCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success, including \"nothing to do\".",
            "1:Unexpected error inside taos-host (a bug).",
            "2:Invalid input; nothing was changed.",
            "3:The host cannot do what was asked; nothing was changed.",
            "4:A step failed while applying a plan.",
            "5:Another taos-host run holds the lock.",
            "6:verify found the host not as setup makes it.",
            "130:Interrupted or declined before anything was changed."})
public final class TaosHostCommand implements Callable<Integer> {

    private final HostEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    @Spec
    CommandSpec spec;

    public TaosHostCommand(HostEnvironment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        err.println("Failed to start taos-host: no command given.");
        err.println("Run taos-host detect to see the host, or taos-host plan to see what would be done; taos-host --help lists every command.");
        return ExitCode.INVALID_INPUT.code();
    }

    HostEnvironment environment() {
        return environment;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }
}

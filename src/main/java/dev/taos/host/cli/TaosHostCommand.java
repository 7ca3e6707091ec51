package dev.taos.host.cli;

import dev.taos.host.app.ExitCode;
import dev.taos.host.app.Host;
import dev.taos.host.app.InstallFlow;
import dev.taos.host.app.InvalidInput;
import dev.taos.host.app.WizardFlow;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.ui.Operator;
import dev.taos.host.ui.output.Json;
import dev.taos.host.ui.output.MigrateReport;
import dev.taos.host.ui.output.SetupReport;
import dev.taos.host.ui.wizard.WizardScreens;
import dev.taos.host.ui.wizard.WizardTerminal;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "taos-host",
        mixinStandardHelpOptions = true,
        version = TaosHostCommand.VERSION,
        description = {
            "Prepares an Incus host for fast, copy-on-write taOS agent deploys.",
            "Without a command: the guided setup on a terminal, or with --unattended the same setup and migration from "
                    + "flags or --answers."
        },
        subcommands = {
            DetectCommand.class,
            PlanCommand.class,
            SetupCommand.class,
            MigrateCommand.class,
            VerifyCommand.class,
            PoolWatchCommand.class,
            BenchCommand.class,
            FetchBaseImageCommand.class,
            ImageCommand.class,
            HelpCommand.class,
            AutoComplete.GenerateCompletion.class,
            ManPageCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n")
public final class TaosHostCommand implements Callable<ExitCode> {

    /** What --version prints; a compile-time constant, so printing it loads nothing else. */
    public static final String VERSION = "taos-host 0.1.0";

    private final Host host;
    private final Operator operator;
    private final PrintStream out;
    private final PrintStream err;

    @Spec
    CommandSpec spec;

    @Mixin
    RequestOptions options;

    @Option(
            names = "--unattended",
            description = "Never ask: set up (and migrate what the flags or answers name) without questions.")
    boolean unattended;

    @Option(
            names = {"--yes", "-y"},
            description = "With --unattended: consent to migrating the instances the flags or answers name.")
    boolean yes;

    @Option(
            names = "--json",
            description = "With --unattended: print one JSON event per line (schema in docs/scripting.md).")
    boolean json;

    public TaosHostCommand(Host host, Operator operator, PrintStream out, PrintStream err) {
        this.host = host;
        this.operator = operator;
        this.out = out;
        this.err = err;
    }

    @Override
    public ExitCode call() {
        InstallRequest request = options.toRequest();
        Host host = this.host.withAppUser(request.app().user());
        if (unattended) {
            if (!(request.migrate() instanceof MigrateSelection.None) && !yes) {
                throw new InvalidInput("Failed to read --migrate: an unattended run moves existing instances ("
                        + request.migrate().text() + ") only with --yes. Add --yes, or leave migrate out (none).");
            }
            return install(host, json).apply(request, Optional.empty());
        }
        if (json || yes) {
            throw new InvalidInput(
                    "Failed to read " + (json ? "--json" : "--yes") + ": it is for runs without questions. "
                            + "Add --unattended, or leave it out for the guided setup, which asks before it changes "
                            + "anything.");
        }
        Optional<Terminal> terminal = operator.wizardTerminal();
        if (terminal.isEmpty()) {
            err.println("Failed to start the guided setup: there is no terminal to ask on.");
            err.println(
                    "Run taos-host --unattended [--answers FILE] [flags] to set up without questions, taos-host plan "
                            + "to see what would be done,"
                            + " or taos-host detect to see the host; taos-host --help lists every command. Nothing has "
                            + "been changed.");
            return ExitCode.INVALID_INPUT;
        }
        try (Terminal open = terminal.get()) {
            InstallFlow install = install(host, false);
            return WizardFlow.applying(
                            host, new WizardScreens(err, new WizardTerminal(open, operator.noColor())), install)
                    .run(request);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to close the terminal: " + e.getMessage(), e);
        }
    }

    private InstallFlow install(Host host, boolean json) {
        return new InstallFlow(
                host, new SetupReport(out, err, json, operator), new MigrateReport(out, err, json, operator));
    }

    Host host() {
        return host;
    }

    Operator operator() {
        return operator;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /**
     * Prints a command's result: {@code result} as JSON with --json, else the text; returns exit 0 for the flows that
     * report through it.
     */
    void print(boolean json, Object result, Supplier<String> text) {
        out.print(json ? Json.write(result) + "\n" : text.get());
    }
}

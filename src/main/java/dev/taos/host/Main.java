package dev.taos.host;

import dev.taos.host.cli.HostEnvironment;
import dev.taos.host.cli.LiveHost;
import dev.taos.host.cli.RequestOptions;
import dev.taos.host.cli.TaosHostCommand;
import dev.taos.host.exec.ExecCommandRunner;
import dev.taos.host.probe.ToolsProbe;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;

public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        HostEnvironment environment = new LiveHost(new ExecCommandRunner(), new ToolsProbe(System.getenv("PATH")));
        System.exit(run(environment, System.out, System.err, args));
    }

    /** Runs one command line; every failure becomes a message and one of {@link ExitCode}'s codes. */
    public static int run(HostEnvironment environment, PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new TaosHostCommand(environment, out, err));
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        cli.getCommandSpec().usageMessage().exitCodeList(ExitCode.table());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, argv) -> {
            err.println("Failed to read the command line: " + e.getMessage());
            err.println("Run " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help to see the accepted flags.");
            return ExitCode.INVALID_INPUT.code();
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof IllegalStateException || e instanceof UncheckedIOException) {
                err.println(e.getMessage());
                return ExitCode.INTERNAL_ERROR.code();
            }
            if (e instanceof RequestOptions.InvalidInput) {
                err.println(e.getMessage());
                err.println("Nothing has been changed. Run " + command.getCommandSpec().qualifiedName() + " --help to see the accepted values.");
                return ExitCode.INVALID_INPUT.code();
            }
            err.println("Failed to run " + command.getCommandSpec().qualifiedName() + ": " + e);
            err.println("This is a bug in taos-host; please report it with the command line and this message.");
            return ExitCode.INTERNAL_ERROR.code();
        });
        // picocli shows the top-level help for "taos-host image --help"; an unknown word is an error, help or not.
        cli.setExecutionStrategy(parsed -> {
            List<String> unknown = parsed.unmatched();
            if (!unknown.isEmpty()) {
                CommandLine at = deepest(parsed).commandSpec().commandLine();
                throw new CommandLine.ParameterException(at, "\"" + unknown.get(0) + "\" is not a command or option of "
                        + at.getCommandSpec().qualifiedName());
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli.execute(args);
    }

    private static CommandLine.ParseResult deepest(CommandLine.ParseResult parsed) {
        return parsed.subcommand() == null ? parsed : deepest(parsed.subcommand());
    }
}

package dev.taos.host;

import dev.taos.host.app.ExitCode;
import dev.taos.host.app.Host;
import dev.taos.host.app.InvalidInput;
import dev.taos.host.app.LiveHost;
import dev.taos.host.cli.SubcommandAlone;
import dev.taos.host.cli.TaosHostCommand;
import dev.taos.host.probe.Warmup;
import dev.taos.host.ui.Operator;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;

public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Scripts ask for the version to decide what to do; it needs no host and no command model.
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println(TaosHostCommand.VERSION);
            System.exit(ExitCode.OK.code());
        }
        Warmup.begin();
        System.exit(run(LiveHost.create(), Operator.live(), System.out, System.err, args));
    }

    /** Runs one command line; every failure becomes a message and one of {@link ExitCode}'s codes. */
    public static int run(Host host, Operator operator, PrintStream out, PrintStream err, String... args) {
        TaosHostCommand root = new TaosHostCommand(host, operator, out, err);
        var alone = SubcommandAlone.of(root, args);
        if (alone.isPresent()) {
            return configured(alone.get().commandLine(), out, err)
                    .execute(alone.get().args());
        }
        CommandLine cli = new CommandLine(root);
        cli.getSubcommands()
                .get("generate-completion")
                .getCommandSpec()
                .usageMessage()
                .hidden(true);
        cli.getCommandSpec().usageMessage().exitCodeList(ExitCode.table());
        return configured(cli, out, err).execute(args);
    }

    /** The same handling of output, refusals, failures and unknown words for either model. */
    private static CommandLine configured(CommandLine cli, PrintStream out, PrintStream err) {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, argv) -> {
            // A converter's refusal is about one flag: name it, in the same words the answers file uses.
            if (e.getCause() instanceof CommandLine.TypeConversionException refused
                    && e.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
                err.println("Failed to read " + option.longestName() + ": " + refused.getMessage());
            } else {
                err.println("Failed to read the command line: " + e.getMessage().replaceFirst("^Error: ", ""));
            }
            err.println("Nothing has been changed. Run "
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help to see the accepted flags.");
            return ExitCode.INVALID_INPUT.code();
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof IllegalStateException || e instanceof UncheckedIOException) {
                err.println(e.getMessage());
                return ExitCode.INTERNAL_ERROR.code();
            }
            if (e instanceof InvalidInput) {
                err.println(e.getMessage());
                err.println("Nothing has been changed. Run "
                        + command.getCommandSpec().qualifiedName() + " --help to see the accepted values.");
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
                throw new CommandLine.ParameterException(
                        at,
                        "\"" + unknown.get(0) + "\" is not a command or option of "
                                + at.getCommandSpec().qualifiedName());
            }
            int code = new CommandLine.RunLast().execute(parsed);
            // Each command returns its outcome's ExitCode; here, once, it becomes the process's exit code.
            Object outcome = deepest(parsed).commandSpec().commandLine().getExecutionResult();
            return outcome instanceof ExitCode exit ? exit.code() : code;
        });
        return cli;
    }

    private static CommandLine.ParseResult deepest(CommandLine.ParseResult parsed) {
        return parsed.subcommand() == null ? parsed : deepest(parsed.subcommand());
    }
}

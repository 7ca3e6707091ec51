package dev.taos.host.cli;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * A command line whose first word names a subcommand is modelled with that subcommand alone, named "taos-host NAME":
 * picocli's model of every command and of the root's own options costs a short command (detect, verify, plan) about a
 * tenth of a second of a 2-core machine's start-up. The subcommands are those {@link TaosHostCommand} declares; help,
 * completion and the man page describe every command, so they keep the whole model.
 */
public final class SubcommandAlone {

    private static final List<Class<?>> WHOLE_MODEL =
            List.of(CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class, ManPageCommand.class);

    private SubcommandAlone() {}

    /**
     * The subcommand's own command line and the arguments after its name; empty when {@code args} does not start with
     * one.
     */
    public static Optional<Alone> of(TaosHostCommand root, String... args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        String rootName = TaosHostCommand.class.getAnnotation(Command.class).name();
        for (Class<?> type : TaosHostCommand.class.getAnnotation(Command.class).subcommands()) {
            if (!WHOLE_MODEL.contains(type)
                    && type.getAnnotation(Command.class).name().equals(args[0])) {
                Object command = withParent(type, root);
                CommandLine cli = new CommandLine(command);
                cli.setCommandName(rootName + " " + args[0]);
                return Optional.of(new Alone(cli, Arrays.copyOfRange(args, 1, args.length)));
            }
        }
        return Optional.empty();
    }

    /** A subcommand's command line and what follows its name. */
    public record Alone(CommandLine commandLine, String[] args) {}

    private static Object withParent(Class<?> type, TaosHostCommand root) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object command = constructor.newInstance();
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(ParentCommand.class)) {
                    field.setAccessible(true);
                    field.set(command, root);
                }
            }
            return command;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Failed to build the " + type.getSimpleName() + " command: " + e, e);
        }
    }
}

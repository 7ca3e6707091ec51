package dev.taos.host.core.command;

import dev.taos.host.core.facts.Project;
import java.util.ArrayList;
import java.util.List;

/**
 * A program taos-host runs, as a value: its argument list (never a shell string; an incus command scoped to a project
 * carries {@code --project}), how long it may take ({@link Patience}), and what it does in the operator's words, for a
 * preview and for its failure ("Failed to run WORDS: ..."). Deciders return these; the one runner runs them.
 */
public record Command(List<String> argv, Patience patience, String words) {

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program");
        }
        words = words == null || words.isBlank() ? quotedDisplay(argv) : words;
    }

    /** A command described by its own argument list. */
    public static Command of(Patience patience, List<String> argv) {
        return new Command(argv, patience, null);
    }

    public String program() {
        return argv.get(0);
    }

    /** The same command with these arguments added at the end. */
    public Command with(String... more) {
        List<String> longer = new ArrayList<>(argv);
        longer.addAll(List.of(more));
        return new Command(longer, patience, ownWords() ? words : null);
    }

    /** An incus command run in {@code project}: as typed for the default project, with --project for any other. */
    public Command inProject(String project) {
        if (!program().equals("incus") || project.equals(Project.DEFAULT)) {
            return this;
        }
        return new Command(Project.command(project, argv), patience, ownWords() ? words : null);
    }

    /** The same command with another patience. */
    public Command withPatience(Patience other) {
        return new Command(argv, other, ownWords() ? words : null);
    }

    /** The same command described in other words. */
    public Command described(String what) {
        return new Command(argv, patience, what);
    }

    private boolean ownWords() {
        return !words.equals(quotedDisplay(argv));
    }

    private static String quotedDisplay(List<String> argv) {
        return "`" + display(argv) + "`";
    }

    /** How it reads in a plan or a preview: each argument quoted for a shell only where it needs it. */
    public String display() {
        return display(argv);
    }

    private static String display(List<String> argv) {
        return String.join(" ", argv.stream().map(Command::quoted).toList());
    }

    private static String quoted(String arg) {
        return arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}

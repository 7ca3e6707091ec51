package dev.taos.host.ui.wizard;

import java.util.function.Function;
import java.util.function.Predicate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;

/**
 * The wizard's questions on a JLine terminal: a question with a default, asked again until the answer is accepted.
 * Ctrl-C and end of input become {@link Cancelled}. Colors only on a terminal that has them and never with NO_COLOR; a
 * dumb terminal gets plain lines.
 */
public final class WizardTerminal {

    /** The operator left (Ctrl-C or end of input) before the plan was applied. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled at the terminal");
        }
    }

    /** The answer, or the problem to show before asking again. */
    sealed interface Parsed<T> {
        record Accepted<T>(T value) implements Parsed<T> {}

        record Rejected<T>(String problem) implements Parsed<T> {}
    }

    private final Terminal terminal;
    private final LineReader reader;
    private final boolean color;

    public WizardTerminal(Terminal terminal, boolean noColor) {
        if (terminal.getWidth() <= 0) {
            // A pty nobody sized (a serial console, script(1) fed from a pipe): JLine cannot draw a prompt in zero
            // columns.
            terminal.setSize(new Size(80, Math.max(terminal.getHeight(), 24)));
        }
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .option(LineReader.Option.BRACKETED_PASTE, false)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        Integer colors = terminal.getNumericCapability(Capability.max_colors);
        // JLine calls a TERM=dumb terminal "dumb-color" when it guesses colors would work; the operator said dumb.
        this.color = !noColor && !terminal.getType().startsWith(Terminal.TYPE_DUMB) && colors != null && colors >= 8;
    }

    /** Columns to lay tables out in. */
    int width() {
        return terminal.getWidth();
    }

    void say(String text) {
        terminal.writer().println(text);
        terminal.flush();
    }

    void heading(String text) {
        say("\n"
                + (color
                        ? new AttributedString(text, AttributedStyle.BOLD.foreground(AttributedStyle.CYAN))
                                .toAnsi(terminal)
                        : "== " + text));
    }

    /** Asks until {@code parse} accepts; an empty line means {@code defaultAnswer}. */
    <T> T ask(String question, String defaultAnswer, Function<String, Parsed<T>> parse) {
        return prompt(question + " [" + defaultAnswer + "]: ", defaultAnswer, parse);
    }

    boolean yesNo(String question, boolean defaultYes) {
        return prompt(question + (defaultYes ? " [Y/n] " : " [y/N] "), defaultYes ? "yes" : "no", answer -> {
            Predicate<String> is =
                    word -> answer.equalsIgnoreCase(word) || answer.equalsIgnoreCase(word.substring(0, 1));
            if (is.test("yes")) {
                return new Parsed.Accepted<>(true);
            }
            return is.test("no") ? new Parsed.Accepted<>(false) : new Parsed.Rejected<>("Answer yes or no.");
        });
    }

    private <T> T prompt(String prompt, String defaultAnswer, Function<String, Parsed<T>> parse) {
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt).strip();
            } catch (UserInterruptException | EndOfFileException e) {
                throw new Cancelled();
            }
            Parsed<T> parsed = parse.apply(line.isEmpty() ? defaultAnswer : line);
            if (parsed instanceof Parsed.Accepted<T> accepted) {
                return accepted.value();
            }
            String problem = ((Parsed.Rejected<T>) parsed).problem();
            say("  "
                    + (color
                            ? new AttributedString(problem, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED))
                                    .toAnsi(terminal)
                            : problem));
        }
    }
}

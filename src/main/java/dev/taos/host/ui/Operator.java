package dev.taos.host.ui;

import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The person at the terminal, if any: yes/no questions, the wizard's terminal, progress bars and colors. */
public interface Operator {

    /** True when a person is at a terminal (progress bars, questions). */
    boolean atTerminal();

    /** The terminal for the guided setup; empty when there is none to ask on. */
    Optional<Terminal> wizardTerminal();

    /** True when the operator asked for no colors (the NO_COLOR convention). */
    boolean noColor();

    /** Asks a yes/no question (default no); empty when there is nobody to ask. */
    Optional<Boolean> confirm(String question);

    /** Nobody there: what provisioning scripts and services run as. */
    static Operator absent() {
        return new Operator() {
            @Override
            public boolean atTerminal() {
                return false;
            }

            @Override
            public Optional<Terminal> wizardTerminal() {
                return Optional.empty();
            }

            @Override
            public boolean noColor() {
                return true;
            }

            @Override
            public Optional<Boolean> confirm(String question) {
                return Optional.empty();
            }
        };
    }

    /** Whoever runs this process: a terminal when the JVM has a console. */
    static Operator live() {
        return new Operator() {
            @Override
            public boolean atTerminal() {
                return System.console() != null;
            }

            @Override
            public Optional<Terminal> wizardTerminal() {
                if (System.console() == null) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(TerminalBuilder.builder().system(true).build());
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "Failed to open the terminal for the guided setup: " + e.getMessage(), e);
                }
            }

            @Override
            public boolean noColor() {
                String value = System.getenv("NO_COLOR");
                return value != null && !value.isEmpty();
            }

            @Override
            public Optional<Boolean> confirm(String question) {
                Console console = System.console();
                if (console == null) {
                    return Optional.empty();
                }
                String answer = console.readLine("%s [y/N] ", question);
                return Optional.of(answer != null
                        && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes"));
            }
        };
    }
}

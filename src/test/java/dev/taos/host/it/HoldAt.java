package dev.taos.host.it;

import dev.taos.host.Main;
import dev.taos.host.app.LiveHost;
import dev.taos.host.ui.Operator;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * taos-host as an operator runs it, with one fault of the tests' own: given {@code WHERE migrate ... --json}, it stops
 * for good at WHERE, after saying so on stderr, so a test can kill it there deterministically rather than after a
 * guessed sleep. WHERE is a step as the JSON events name it, {@code [INSTANCE:]STEP}: it holds once that step has
 * started (the journal says so by then), in the middle of the step as far as recovery can tell. Every thread that
 * reports after that stops too. The ITs run it beside the packaged jar ({@code java -cp taos-host.jar:TEST_CLASSES
 * dev.taos.host.it.HoldAt WHERE ARGS}); nothing of it ships.
 */
public final class HoldAt {

    static final String HELD = "held at ";
    private static final Pattern STARTED = Pattern.compile(
            "\"event\":\"step\",\"instance\":\"([^\"]+)\",\"step\":\"([^\"]+)\",.*\"state\":\"started\"");

    private HoldAt() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new HoldingStream(System.out, args[0]), true, StandardCharsets.UTF_8);
        System.exit(Main.run(
                LiveHost.create(), Operator.live(), out, System.err, Arrays.copyOfRange(args, 1, args.length)));
    }

    /** Whether the JSON event {@code line} is the place {@code where} names. */
    static boolean reached(String where, String line) {
        Matcher started = STARTED.matcher(line);
        return started.find()
                && (where.equals(started.group(2)) || where.equals(started.group(1) + ":" + started.group(2)));
    }

    /** Passes each line on, and holds the thread that writes the line of the place to hold at. */
    private static final class HoldingStream extends OutputStream {
        private final PrintStream to;
        private final String where;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        HoldingStream(PrintStream to, String where) {
            this.to = to;
            this.where = where;
        }

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            to.println(text);
            if (reached(where, text)) {
                System.err.println("taos-host: " + HELD + where);
                System.err.flush();
                holdForGood();
            }
        }

        private static void holdForGood() {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

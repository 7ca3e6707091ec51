package dev.taos.host.exec;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a program with an argument list (never through a shell). The only real implementation is
 * {@link ExecCommandRunner}.
 */
public interface CommandRunner {

    Result run(List<String> argv, Duration timeout);

    /**
     * Like {@link #run(List, Duration)}, handing each line of output to {@code lines} as it comes (a build script's
     * progress).
     */
    default Result run(List<String> argv, Duration timeout, Consumer<String> lines) {
        Result result = run(argv, timeout);
        (result.stdout() + result.stderr()).lines().forEach(lines);
        return result;
    }

    /** {@code exitCode} is -1 when the program could not be started or was killed by the timeout. */
    record Result(int exitCode, String stdout, String stderr, boolean timedOut) {

        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** The last lines of stderr (or stdout when stderr is empty), for error messages. */
        public String tail() {
            String text = stderr.isBlank() ? stdout : stderr;
            List<String> lines = text.strip().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
    }
}

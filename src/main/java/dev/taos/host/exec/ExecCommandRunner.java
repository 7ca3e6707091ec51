package dev.taos.host.exec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs commands with Apache Commons Exec: C locale (stable, parseable output), an empty stdin (so nothing, e.g. a
 * script piped into bash, is read as input), and a watchdog that kills the child at the timeout.
 */
public final class ExecCommandRunner implements CommandRunner {

    private final Map<String, String> environment;

    public ExecCommandRunner() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        this.environment = Map.copyOf(env);
    }

    @Override
    public Result run(List<String> argv, Duration timeout) {
        return run(argv, timeout, line -> {});
    }

    @Override
    public Result run(List<String> argv, Duration timeout, Consumer<String> lines) {
        CommandLine command = new CommandLine(argv.get(0));
        argv.subList(1, argv.size()).forEach(arg -> command.addArgument(arg, false));
        ByteArrayOutputStream out = new Lines(lines);
        ByteArrayOutputStream err = new Lines(lines);
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(out, err, new ByteArrayInputStream(new byte[0])));
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        int exit;
        try {
            exit = executor.execute(command, environment);
        } catch (ExecuteException e) {
            exit = e.getExitValue();
        } catch (IOException e) {
            return new Result(-1, "", "Failed to run " + argv.get(0) + ": " + e.getMessage(), false);
        }
        boolean killed = watchdog.killedProcess();
        return new Result(
                killed ? -1 : exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), killed);
    }

    /** Keeps everything written and hands each complete line to {@code lines} as it arrives. */
    private static final class Lines extends ByteArrayOutputStream {
        private final Consumer<String> lines;
        private int lineStart;

        Lines(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            super.write(bytes, offset, length);
            for (int i = count - length; i < count; i++) {
                if (buf[i] == '\n') {
                    lines.accept(new String(buf, lineStart, i - lineStart, StandardCharsets.UTF_8));
                    lineStart = i + 1;
                }
            }
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}

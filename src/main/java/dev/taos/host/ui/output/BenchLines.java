package dev.taos.host.ui.output;

import dev.taos.host.app.BenchFlow;
import dev.taos.host.core.command.Command;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * What bench says while it runs: its notes and each launch on {@code progress} (stderr when stdout carries JSON),
 * problems on stderr. The figures are printed by {@link BenchReport}.
 */
public final class BenchLines implements BenchFlow.Ui, FlowLines {

    private final PrintStream progress;
    private final PrintStream err;

    public BenchLines(PrintStream progress, PrintStream err) {
        this.progress = progress;
        this.err = err;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    @Override
    public void refused(String problem, String remedy) {
        err.println("Failed to start bench: " + problem + ". To go on: " + remedy + ". Nothing has been changed.");
    }

    @Override
    public void note(String line) {
        progress.println(line);
    }

    @Override
    public void launched(int round, String pool, Duration took) {
        progress.printf(
                Locale.ROOT,
                "  %-8s on %-20s %7.2f s%n",
                round == 0 ? "warm-up" : "run " + round,
                pool,
                took.toMillis() / 1000.0);
    }

    @Override
    public void failed(String what, Command command, String cause) {
        err.println("Failed to " + what + ": `" + command.display() + "` " + cause.replaceFirst("^it ", ""));
    }

    @Override
    public void notDeleted(String instance) {
        err.println(
                "Failed to delete bench instance " + instance + ". Delete it with: incus delete --force " + instance);
    }

    @Override
    public void poolNotDeleted(String pool) {
        err.println("Failed to delete the temporary pool " + pool + ". Delete it with: incus storage delete " + pool);
    }
}

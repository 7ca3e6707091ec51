package dev.taos.host.ui.output;

import dev.taos.host.apply.Migrator;
import dev.taos.host.core.ByteSize;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.MigrationStep;
import dev.taos.host.core.migrate.StepState;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What migrate prints while it works: one line per instance and step, and a progress bar on a terminal; or, with
 * {@code --json}, one JSON object per line (schema in docs/scripting.md) for provisioning tools.
 */
public final class MigrateOutput implements Migrator.Events {

    private static final int BAR = 30;
    private static final long REDRAW_NANOS = 100_000_000;
    private static final long PLAIN_LINE_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final boolean json;
    private final boolean terminal;
    /** Per instance, the share last shown: instances migrating side by side take turns on the one line. */
    private final Map<String, Integer> lastPercent = new HashMap<>();

    private long lastRedraw;
    private boolean barShown;
    private final LiveLine line = new LiveLine();
    /**
     * Per instance, its pass's last figures, to show 100% when the pass ends (the last one may have been short of it).
     */
    private final Map<String, Bar> bars = new HashMap<>();
    /** Per instance, when its last plain progress line was printed (output that is not a terminal). */
    private final Map<String, Long> lastPlainLine = new HashMap<>();

    private record Bar(String what, long total) {}

    public MigrateOutput(PrintStream out, boolean json, boolean terminal) {
        this.out = out;
        this.json = json;
        this.terminal = terminal;
    }

    @Override
    public synchronized void step(InstanceMigration migration, MigrationStep step, StepState state, String detail) {
        String name = migration.qualifiedName();
        Bar bar = bars.remove(name);
        lastPlainLine.remove(name);
        if (state == StepState.DONE && bar != null) {
            finish(name, bar);
        }
        endBar();
        lastPercent.remove(name);
        int of = MigrationStep.DONE.ordinal();
        int number = Math.min(step.ordinal() + 1, of);
        if (json) {
            emit(new MigrateEvent.Step(name, jsonName(step), number, of, jsonName(state), detail));
            return;
        }
        switch (state) {
            case STARTED -> out.printf("[%s %d/%d] %s%n", name, number, of, capitalized(migration.describe(step)));
            case DONE -> {
                if (!detail.isEmpty()) {
                    // Named again: with lanes, another instance's lines may have come between this step's start and its
                    // end.
                    out.printf("[%s %d/%d] %s%n", name, number, of, capitalized(detail));
                }
            }
            case ROLLED_BACK -> out.printf("[%s] Rolled back: \"%s\" is back as it was. Why: %s%n", name, name, detail);
            default -> out.printf("[%s %d/%d] %s: %s%n", name, number, of, jsonName(state), detail);
        }
    }

    /** A pass that ended: shown at 100%, which its last figure may have fallen short of. */
    private void finish(String name, Bar bar) {
        if (lastPercent.getOrDefault(name, 100) < 100) {
            if (json) {
                emitProgress(name, bar.what(), bar.total(), bar.total());
            } else if (terminal) {
                drawBar(name, bar.what(), bar.total(), bar.total(), 100);
            }
        }
    }

    @Override
    public synchronized void progress(String instance, String what, long done, long total) {
        if (total < 0) {
            // The walk is still finding files: no total to show a share of yet.
            long now = System.nanoTime();
            if (terminal && !json && (!barShown || now - lastRedraw > REDRAW_NANOS)) {
                lastRedraw = now;
                out.print(line.redraw(String.format(
                        "    %s %-8s %s hashed, still finding files", instance, what, ByteSize.human(done))));
                barShown = true;
            }
            return;
        }
        Bar previous = bars.put(instance, new Bar(what, total));
        if (previous != null && !previous.what().equals(what)) {
            // One step's passes in turn (a pre-copy, then its check): the one before ended.
            finish(instance, previous);
            endBar();
            lastPercent.remove(instance);
            lastPlainLine.remove(instance);
        }
        int percent = total == 0 ? 100 : (int) (done * 100 / total);
        int last = lastPercent.getOrDefault(instance, -1);
        if (json) {
            if (percent / 10 != last / 10 || last < 0) {
                lastPercent.put(instance, percent);
                emitProgress(instance, what, done, total);
            }
            return;
        }
        if (!terminal) {
            plainLine(instance, what, done, total, percent);
            return;
        }
        if (percent == last) {
            return;
        }
        lastPercent.put(instance, percent);
        drawBar(instance, what, done, total, percent);
    }

    /**
     * Output that is not a terminal (a log, a pipe) gets a plain line every 10 s per instance instead of a redrawn bar.
     */
    private void plainLine(String instance, String what, long done, long total, int percent) {
        long now = System.nanoTime();
        Long last = lastPlainLine.putIfAbsent(instance, now);
        if (last != null && now - last >= PLAIN_LINE_NANOS) {
            lastPlainLine.put(instance, now);
            lastPercent.put(instance, percent);
            out.printf(
                    "    %s %s %d%% (%s of %s)%n",
                    instance, what, percent, ByteSize.human(done), ByteSize.human(total));
        }
    }

    private void emitProgress(String instance, String what, long done, long total) {
        emit(new MigrateEvent.Progress(instance, what, done, total));
    }

    /** Redraws the line from its start and clears what a longer earlier line left after it. */
    private void drawBar(String instance, String what, long done, long total, int percent) {
        int filled = percent * BAR / 100;
        out.print(line.redraw(String.format(
                "    %s %-8s [%s%s] %3d%% %s of %s",
                instance,
                what,
                "#".repeat(filled),
                ".".repeat(BAR - filled),
                percent,
                ByteSize.human(done),
                ByteSize.human(total))));
        barShown = true;
    }

    /** The run's last event: the outcome, the exit code and each instance's state. */
    void result(String outcome, int exitCode, List<Migrator.Result> results) {
        endBar();
        if (!json) {
            return;
        }
        emit(new MigrateEvent.Result(
                outcome,
                exitCode,
                results.stream()
                        .map(r -> new MigrateEvent.Ended(
                                r.migration().name(),
                                r.migration().project(),
                                jsonName(r.migration().status()),
                                r.migration().progress(),
                                r.problem().orElse(null)))
                        .toList()));
    }

    /** An enum constant as the JSON events spell it: COPY_RENAMED -> copy-renamed. */
    public static String jsonName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void endBar() {
        if (barShown) {
            out.println();
            barShown = false;
            line.leave();
        }
    }

    void emit(MigrateEvent event) {
        out.println(Json.line(event));
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

package dev.taos.host.app;

import dev.taos.host.apply.BenchSession;
import dev.taos.host.core.bench.LaunchBench;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * bench: the same image launched on a temporary dir pool and on the copy-on-write pool, alternately, after a warm-up on
 * each ({@link BenchSession}); everything it creates is deleted again, also when a launch fails or the run is
 * interrupted.
 */
public final class BenchFlow {

    /** What bench tells the operator besides its figures: why it did not start, its notes, each launch. */
    public interface Ui extends FlowUi, BenchSession.Events {
        void refused(String problem, String remedy);

        void note(String line);
    }

    private final Host host;
    private final Ui ui;

    public BenchFlow(Host host, Ui ui) {
        this.host = host;
        this.ui = ui;
    }

    /** Measures, then hands the figures to {@code report}. */
    public ExitCode run(
            Optional<String> image, int runs, Optional<String> pool, Consumer<BenchSession.Measured> report) {
        var decision = LaunchBench.decide(host.probe().incus(), image, runs, pool);
        if (decision instanceof LaunchBench.Decision.Refused refused) {
            ui.refused(refused.problem(), refused.remedy());
            return (refused.invalidInput() ? ExitCode.INVALID_INPUT : ExitCode.UNSUPPORTED_HOST);
        }
        var run = (LaunchBench.Decision.Run) decision;
        return HostLock.holding(host, "bench", ui, () -> {
            run.notes().forEach(ui::note);
            Optional<BenchSession.Measured> measured =
                    new BenchSession(host.runner(), host.time()::nanoTime, run.bench(), ui).measure();
            measured.ifPresent(report);
            return (measured.isPresent() ? ExitCode.OK : ExitCode.STEP_FAILED);
        });
    }
}

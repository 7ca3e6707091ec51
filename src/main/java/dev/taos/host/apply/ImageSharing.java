package dev.taos.host.apply;

import dev.taos.host.core.plan.Action;
import dev.taos.host.core.plan.Step;
import dev.taos.host.exec.CommandFailed;
import dev.taos.host.exec.Runner;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the steps that put images where the taOS app launches them ({@code core/plan/AppImages}: copied into its project
 * under the alias it looks up, unpacked on its pool) after a fetch or a build. Each only adds (an image to a project,
 * an alias, an unpacked image to a pool), so a failure leaves nothing to undo: the next run plans what is still
 * missing.
 */
public final class ImageSharing {

    private final Runner runner;
    private final Consumer<String> progress;

    public ImageSharing(Runner runner, Consumer<String> progress) {
        this.runner = runner;
        this.progress = progress;
    }

    /** Empty when every step ran, else the first command that failed, in its own words. */
    public Optional<String> run(List<Step> steps) {
        for (Step step : steps) {
            progress.accept(step.description() + " ...");
            for (Action action : step.actions()) {
                try {
                    runner.run(((Action.Run) action).command());
                } catch (CommandFailed failed) {
                    return Optional.of(failed.getMessage());
                }
            }
        }
        return Optional.empty();
    }
}

package dev.taos.host.apply;

import dev.taos.host.core.plan.Action;
import dev.taos.host.core.plan.Step;
import dev.taos.host.exec.CommandRunner;
import java.time.Duration;
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

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final CommandRunner runner;
    private final Consumer<String> progress;

    public ImageSharing(CommandRunner runner, Consumer<String> progress) {
        this.runner = runner;
        this.progress = progress;
    }

    /** Empty when every step ran, else the first failure, naming the step and the command. */
    public Optional<String> run(List<Step> steps) {
        for (Step step : steps) {
            progress.accept(step.description() + " ...");
            for (Action action : step.actions()) {
                Action.Run run = (Action.Run) action;
                CommandRunner.Result result = runner.run(run.argv(), TIMEOUT);
                if (!result.ok()) {
                    return Optional.of("Failed to "
                            + Character.toLowerCase(step.description().charAt(0))
                            + step.description().substring(1) + ": " + result.failure(run.display(), TIMEOUT));
                }
            }
        }
        return Optional.empty();
    }
}

package dev.taos.host.apply;

import dev.taos.host.exec.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The one change image prune makes: a cached image deleted from Incus's store. */
public final class ImageRemoval {

    private static final Duration LIMIT = Duration.ofMinutes(5);

    private final CommandRunner runner;

    public ImageRemoval(CommandRunner runner) {
        this.runner = runner;
    }

    /** Deletes the image {@code fingerprint} of {@code project}; why not, when Incus refused. */
    public Optional<String> delete(String fingerprint, String project) {
        CommandRunner.Result result =
                runner.run(List.of("incus", "image", "delete", fingerprint, "--project", project), LIMIT);
        return result.ok() ? Optional.empty() : Optional.of(result.tail());
    }
}

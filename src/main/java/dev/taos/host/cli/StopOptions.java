package dev.taos.host.cli;

import dev.taos.host.core.plan.StopPolicy;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How running containers chosen for migration are stopped: one declaration for taos-host's and migrate's flags. */
final class StopOptions {

    @Option(
            names = "--stop-timeout",
            paramLabel = "DURATION",
            converter = Converters.Seconds.class,
            description = "How long a running container being migrated may take to stop cleanly, e.g. 30s or 2m "
                    + "(default: 30s).")
    Long timeoutSeconds;

    @Option(
            names = "--force-stop",
            negatable = true,
            description = "Stop a container being migrated forcibly when it has not stopped cleanly within "
                    + "--stop-timeout (default: its migration is refused and it keeps running).")
    Boolean force;

    @Option(
            names = "--pre-copy",
            negatable = true,
            description = "Copy a running container being migrated while it still runs, so it is down only while the "
                    + "changes since are copied and every file is verified (default: on; --no-pre-copy copies "
                    + "everything after the stop).")
    Boolean preCopy;

    /** The policy these flags give, each flag not given taken from {@code otherwise} (the answers or the defaults). */
    StopPolicy policy(StopPolicy otherwise) {
        return new StopPolicy(
                timeoutSeconds == null ? otherwise.timeoutSeconds() : timeoutSeconds,
                force == null ? otherwise.force() : force,
                preCopy == null ? otherwise.preCopy() : preCopy);
    }

    /** The first of these flags that asks for something (a timeout, a forced stop, no pre-copy), if any was given. */
    Optional<String> firstAsking() {
        return timeoutSeconds != null
                ? Optional.of("--stop-timeout")
                : Boolean.TRUE.equals(force)
                        ? Optional.of("--force-stop")
                        : Boolean.FALSE.equals(preCopy) ? Optional.of("--no-pre-copy") : Optional.empty();
    }
}

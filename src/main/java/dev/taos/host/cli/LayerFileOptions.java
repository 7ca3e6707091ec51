package dev.taos.host.cli;

import dev.taos.host.core.HostPaths;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the image layers are declared, and how long a script may run: the options every image command shares. */
final class LayerFileOptions {
    @Option(
            names = "--file",
            paramLabel = "FILE",
            defaultValue = HostPaths.IMAGES,
            description = "The image layers file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(
            names = "--script-timeout",
            paramLabel = "MINUTES",
            defaultValue = "30",
            description = "Longest a cached or run script may take before it is stopped (default: ${DEFAULT-VALUE}).")
    long scriptMinutes;

    Duration scriptLimit() {
        return Duration.ofMinutes(scriptMinutes);
    }
}

package dev.taos.host.probe;

import dev.taos.host.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** systemd's own opinion of unit files: {@code systemd-analyze verify} reads them and changes nothing. */
public final class SystemdAnalyze {

    private SystemdAnalyze() {}

    /** What systemd-analyze complains about in {@code units}; empty when it accepts them. */
    public static Optional<String> complaints(CommandRunner runner, List<String> units) {
        List<String> argv = new ArrayList<>(List.of("systemd-analyze", "verify"));
        argv.addAll(units);
        CommandRunner.Result result = runner.run(argv, Duration.ofMinutes(1));
        return result.ok() ? Optional.empty() : Optional.of(result.tail());
    }
}

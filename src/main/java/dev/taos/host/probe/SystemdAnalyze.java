package dev.taos.host.probe;

import dev.taos.host.core.command.HostTools;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.exec.Runner;
import java.util.List;
import java.util.Optional;

/** systemd's own opinion of unit files: {@code systemd-analyze verify} reads them and changes nothing. */
public final class SystemdAnalyze {

    private SystemdAnalyze() {}

    /** What systemd-analyze complains about in {@code units}; empty when it accepts them. */
    public static Optional<String> complaints(Runner runner, List<String> units) {
        CommandRunner.Result result = runner.attempt(HostTools.analyze(units));
        return result.ok() ? Optional.empty() : Optional.of(result.tail());
    }
}

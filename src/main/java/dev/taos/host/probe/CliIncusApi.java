package dev.taos.host.probe;

import dev.taos.host.core.facts.IncusFacts.Status;
import dev.taos.host.exec.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Queries the local daemon through {@code incus query}, which handles the socket and authentication. */
public final class CliIncusApi implements IncusApi {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final CommandRunner runner;
    private final String incus;

    public CliIncusApi(CommandRunner runner, String incusBinary) {
        this.runner = runner;
        this.incus = incusBinary;
    }

    @Override
    public String query(String path) throws IncusUnavailable {
        CommandRunner.Result result = runner.run(List.of(incus, "query", path), TIMEOUT);
        if (result.ok()) {
            return result.stdout();
        }
        String detail = result.timedOut()
                ? "incus query " + path + " did not answer within " + TIMEOUT.toSeconds() + " s"
                : result.tail();
        String lower = detail.toLowerCase(Locale.ROOT);
        Status status =
                lower.contains("permission denied") || lower.contains("not authorized") || lower.contains("forbidden")
                        ? Status.NO_ACCESS
                        : Status.DAEMON_DOWN;
        throw new IncusUnavailable(status, detail.isBlank() ? "incus query exited with " + result.exitCode() : detail);
    }
}

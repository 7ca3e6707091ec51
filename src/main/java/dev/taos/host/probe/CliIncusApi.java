package dev.taos.host.probe;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.HostTools;
import dev.taos.host.core.facts.IncusFacts.Status;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.exec.Runner;
import java.util.Locale;

/** Queries the local daemon through {@code incus query}, which handles the socket and authentication. */
public final class CliIncusApi implements IncusApi {

    private final Runner runner;
    private final String incus;

    public CliIncusApi(Runner runner, String incusBinary) {
        this.runner = runner;
        this.incus = incusBinary;
    }

    @Override
    public String query(String path) throws IncusUnavailable {
        Command query = HostTools.ask(incus, "query", path);
        CommandRunner.Result result = runner.attempt(query);
        if (result.ok()) {
            return result.stdout();
        }
        String detail = result.timedOut()
                ? "incus query " + path + " did not answer within "
                        + query.patience().words()
                : result.tail();
        String lower = detail.toLowerCase(Locale.ROOT);
        Status status =
                lower.contains("permission denied") || lower.contains("not authorized") || lower.contains("forbidden")
                        ? Status.NO_ACCESS
                        : Status.DAEMON_DOWN;
        throw new IncusUnavailable(status, detail.isBlank() ? "incus query exited with " + result.exitCode() : detail);
    }
}

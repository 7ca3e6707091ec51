package dev.taos.host.cli;

import dev.taos.host.app.ExitCode;
import dev.taos.host.app.PoolWatchFlow;
import dev.taos.host.ui.output.PoolWatchReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * Run hourly by taos-pool-watch.timer; reads its rule from the environment the unit loads from
 * /etc/taos-host/taos-host.conf.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "pool-watch",
        description = "Check the taOS pool's usage once: warn above the threshold, grow the loop file when enabled.")
final class PoolWatchCommand implements Callable<ExitCode> {

    @ParentCommand
    TaosHostCommand parent;

    @Override
    public ExitCode call() {
        return new PoolWatchFlow(parent.host(), new PoolWatchReport(parent.out(), parent.err())).run(System.getenv());
    }
}

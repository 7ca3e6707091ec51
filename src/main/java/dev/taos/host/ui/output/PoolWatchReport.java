package dev.taos.host.ui.output;

import dev.taos.host.app.PoolWatchFlow;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.plan.PoolWatch;
import java.io.PrintStream;
import java.util.Optional;

/** pool-watch's lines in the journal: a fine pool on stdout, everything that needs a look on stderr. */
public final class PoolWatchReport implements PoolWatchFlow.Ui {

    private final PrintStream out;
    private final PrintStream err;

    public PoolWatchReport(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void badSettings(String cause) {
        err.println("Failed to read the pool-watch settings: " + cause + ". Fix " + HostPaths.CONFIG
                + " or run taos-host setup.");
    }

    @Override
    public void incusDown(String detail) {
        err.println("Failed to check the pool: Incus does not answer (" + detail
                + "). Start it: systemctl start incus.service.");
    }

    @Override
    public void noSuchPool(String name) {
        err.println("Failed to check pool \"" + name + "\": Incus has no such pool. Run taos-host setup.");
    }

    @Override
    public void verdict(Optional<String> member, PoolWatch.Verdict verdict) {
        (verdict instanceof PoolWatch.Verdict.Fine ? out : err)
                .println(member.map(m -> "member " + m + ": ").orElse("") + verdict.message());
    }

    @Override
    public void growFailed(String pool, String cause) {
        err.println("Failed to grow pool \"" + pool + "\": " + cause + ". Grow it by hand with incus storage set "
                + pool + " size=BIGGER.");
    }
}

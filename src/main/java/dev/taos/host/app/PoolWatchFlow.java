package dev.taos.host.app;

import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.ClusterFacts;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.PoolWatch;
import dev.taos.host.core.units.HostConfig;
import dev.taos.host.core.units.UnitSettings;
import dev.taos.host.exec.CommandRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * pool-watch, run hourly by its timer: warn when the pool passes the threshold, and grow its loop file when that is
 * enabled.
 */
public final class PoolWatchFlow {

    private final Host host;
    private final PrintStream out;
    private final PrintStream err;

    public PoolWatchFlow(Host host, PrintStream out, PrintStream err) {
        this.host = host;
        this.out = out;
        this.err = err;
    }

    /** {@code config} is the unit's environment, loaded from the config file setup wrote. */
    public int run(Map<String, String> config) {
        UnitSettings.PoolWatch rule;
        try {
            rule = HostConfig.poolWatch(config);
        } catch (IllegalArgumentException e) {
            err.println("Failed to read the pool-watch settings: " + e.getMessage() + ". Fix " + HostPaths.CONFIG
                    + " or run taos-host setup.");
            return ExitCode.INVALID_INPUT.code();
        }
        HostFacts facts = host.probe();
        if (!facts.incus().running()) {
            err.println("Failed to check the pool: Incus does not answer ("
                    + facts.incus().detail() + "). Start it: systemctl start incus.service.");
            return ExitCode.UNSUPPORTED_HOST.code();
        }
        String name =
                HostConfig.pool(config).orElse(facts.incus().defaultProfile().rootPool());
        Optional<StoragePool> pool = facts.incus().pool(name);
        if (pool.isEmpty()) {
            err.println("Failed to check pool \"" + name + "\": Incus has no such pool. Run taos-host setup.");
            return ExitCode.UNSUPPORTED_HOST.code();
        }
        // On a cluster the loop file, its size and its space are this member's own: watched and grown here (--target).
        var cluster = facts.incus().cluster();
        Optional<ClusterFacts.MemberPool> here = cluster.members().stream()
                .filter(m -> m.name().equals(cluster.thisMember()))
                .flatMap(m -> m.pools().stream())
                .filter(p -> p.name().equals(name))
                .findFirst();
        StoragePool watched = here.map(pool.get()::onMember).orElse(pool.get());
        var home = facts.storage().incusHome();
        PoolWatch.Verdict verdict = PoolWatch.decide(watched, rule, home.totalBytes(), home.freeBytes());
        (verdict instanceof PoolWatch.Verdict.Fine ? out : err)
                .println((here.isPresent() ? "member " + cluster.thisMember() + ": " : "") + verdict.message());
        if (verdict instanceof PoolWatch.Verdict.Grow grow) {
            List<String> argv = new ArrayList<>(List.of(
                    "incus", "storage", "set", name, "size=" + grow.newSize().incusValue()));
            here.ifPresent(p -> argv.addAll(List.of("--target", cluster.thisMember())));
            CommandRunner.Result result = host.runner().run(argv, Duration.ofMinutes(5));
            if (!result.ok()) {
                err.println("Failed to grow pool \"" + name + "\": " + result.tail()
                        + ". Grow it by hand with incus storage set " + name + " size=BIGGER.");
                return ExitCode.STEP_FAILED.code();
            }
        }
        return ExitCode.OK.code();
    }
}

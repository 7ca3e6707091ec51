package dev.taos.host.app;

import dev.taos.host.apply.HostChanges;
import dev.taos.host.core.facts.ClusterFacts;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.PoolWatch;
import dev.taos.host.core.units.HostConfig;
import dev.taos.host.core.units.UnitSettings;
import dev.taos.host.exec.CommandFailed;
import java.util.Map;
import java.util.Optional;

/**
 * pool-watch, run hourly by its timer: warn when the pool passes the threshold, and grow its loop file when that is
 * enabled.
 */
public final class PoolWatchFlow {

    /** What pool-watch tells the journal. */
    public interface Ui {
        void badSettings(String cause);

        void incusDown(String detail);

        void noSuchPool(String name);

        /** {@code member}: this cluster member, whose own loop file is watched. */
        void verdict(Optional<String> member, PoolWatch.Verdict verdict);

        void growFailed(String pool, String cause);
    }

    private final Host host;
    private final Ui ui;

    public PoolWatchFlow(Host host, Ui ui) {
        this.host = host;
        this.ui = ui;
    }

    /** {@code config} is the unit's environment, loaded from the config file setup wrote. */
    public ExitCode run(Map<String, String> config) {
        UnitSettings.PoolWatch rule;
        try {
            rule = HostConfig.poolWatch(config);
        } catch (IllegalArgumentException e) {
            ui.badSettings(e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        HostFacts facts = host.probe();
        if (!facts.incus().running()) {
            ui.incusDown(facts.incus().detail());
            return ExitCode.UNSUPPORTED_HOST;
        }
        String name =
                HostConfig.pool(config).orElse(facts.incus().defaultProfile().rootPool());
        Optional<StoragePool> pool = facts.incus().pool(name);
        if (pool.isEmpty()) {
            ui.noSuchPool(name);
            return ExitCode.UNSUPPORTED_HOST;
        }
        // On a cluster the loop file, its size and its space are this member's own: watched and grown here (--target).
        var cluster = facts.incus().cluster();
        Optional<ClusterFacts.MemberPool> here = cluster.members().stream()
                .filter(m -> m.name().equals(cluster.thisMember()))
                .flatMap(m -> m.pools().stream())
                .filter(p -> p.name().equals(name))
                .findFirst();
        Optional<String> member = here.map(p -> cluster.thisMember());
        StoragePool watched = here.map(pool.get()::onMember).orElse(pool.get());
        var home = facts.storage().incusHome();
        PoolWatch.Verdict verdict = PoolWatch.decide(watched, member, rule, home.totalBytes(), home.freeBytes());
        ui.verdict(member, verdict);
        if (verdict instanceof PoolWatch.Verdict.Grow grow) {
            Optional<CommandFailed> failed = new HostChanges(host.runner()).make(grow.command());
            if (failed.isPresent()) {
                ui.growFailed(name, failed.get().said());
                return ExitCode.STEP_FAILED;
            }
        }
        return ExitCode.OK;
    }
}

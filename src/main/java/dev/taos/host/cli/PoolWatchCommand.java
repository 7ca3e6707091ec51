package dev.taos.host.cli;

import dev.taos.host.ExitCode;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.PoolWatch;
import dev.taos.host.core.units.HostConfig;
import dev.taos.host.core.units.UnitSettings;
import dev.taos.host.exec.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Run hourly by taos-pool-watch.timer; reads its rule from the environment the unit loads from /etc/taos-host/taos-host.conf. */
@Command(mixinStandardHelpOptions = true, name = "pool-watch", description = "Check the taOS pool's usage once: warn above the threshold, grow the loop file when enabled.")
final class PoolWatchCommand implements Callable<Integer> {

    @ParentCommand
    TaosHostCommand parent;

    @Override
    public Integer call() {
        Map<String, String> env = System.getenv();
        UnitSettings.PoolWatch rule;
        try {
            rule = HostConfig.poolWatch(env);
        } catch (IllegalArgumentException e) {
            parent.err().println("Failed to read the pool-watch settings: " + e.getMessage() + ". Fix " + HostPaths.CONFIG + " or run taos-host setup.");
            return ExitCode.INVALID_INPUT.code();
        }
        HostFacts facts = parent.environment().probe(null);
        if (!facts.incus().running()) {
            parent.err().println("Failed to check the pool: Incus does not answer (" + facts.incus().detail() + "). Start it: systemctl start incus.service.");
            return ExitCode.UNSUPPORTED_HOST.code();
        }
        String name = HostConfig.pool(env).orElse(facts.incus().defaultProfile().rootPool());
        Optional<StoragePool> pool = facts.incus().pool(name);
        if (pool.isEmpty()) {
            parent.err().println("Failed to check pool \"" + name + "\": Incus has no such pool. Run taos-host setup.");
            return ExitCode.UNSUPPORTED_HOST.code();
        }
        var home = facts.storage().incusHome();
        PoolWatch.Verdict verdict = PoolWatch.decide(pool.get(), rule, home.totalBytes(), home.freeBytes());
        (verdict instanceof PoolWatch.Verdict.Fine ? parent.out() : parent.err()).println(verdict.message());
        if (verdict instanceof PoolWatch.Verdict.Grow grow) {
            CommandRunner.Result result = parent.environment().runner()
                    .run(List.of("incus", "storage", "set", name, "size=" + grow.newSize().incusValue()), Duration.ofMinutes(5));
            if (!result.ok()) {
                parent.err().println("Failed to grow pool \"" + name + "\": " + result.tail() + ". Grow it by hand with incus storage set " + name + " size=BIGGER.");
                return ExitCode.STEP_FAILED.code();
            }
        }
        return ExitCode.OK.code();
    }
}

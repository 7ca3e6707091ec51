package dev.taos.host.apply;

import dev.taos.host.core.ByteSize;
import dev.taos.host.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The one change pool-watch makes: a loop-backed pool's file grown to a new size. */
public final class PoolGrowth {

    private static final Duration LIMIT = Duration.ofMinutes(5);

    private final CommandRunner runner;

    public PoolGrowth(CommandRunner runner) {
        this.runner = runner;
    }

    /** Grows {@code pool} to {@code size} (on {@code member}'s own file in a cluster); why not, when it failed. */
    public Optional<String> grow(String pool, ByteSize size, Optional<String> member) {
        List<String> argv = new ArrayList<>(List.of("incus", "storage", "set", pool, "size=" + size.incusValue()));
        member.ifPresent(m -> argv.addAll(List.of("--target", m)));
        CommandRunner.Result result = runner.run(argv, LIMIT);
        return result.ok() ? Optional.empty() : Optional.of(result.tail());
    }
}

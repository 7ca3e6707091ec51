package dev.taos.host.probe;

import dev.taos.host.core.command.HostTools;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.Project;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.exec.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fills in instance sizes the daemon does not report (dir pools keep no usage figures) with {@code du} over the
 * instance's volume and its snapshots, under the pool's mount path. Reading them needs root. On a cluster only this
 * member's instances are on this disk; the others keep no size here.
 */
public final class DiskUsageProbe {

    private final Path poolsRoot;
    private final Runner runner;
    private final Optional<Path> du;
    private final List<String> unreadable;

    public DiskUsageProbe(Path poolsRoot, Runner runner, Optional<Path> du, List<String> unreadable) {
        this.poolsRoot = poolsRoot;
        this.runner = runner;
        this.du = du;
        this.unreadable = unreadable;
    }

    public IncusFacts fill(IncusFacts incus) {
        List<Instance> sized = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (Instance instance : incus.instances()) {
            if (!incus.cluster().here(instance)) {
                sized.add(instance);
                continue;
            }
            Optional<Long> bytes = instance.diskUsageBytes() >= 0 ? Optional.empty() : measure(instance);
            if (instance.diskUsageBytes() < 0 && bytes.isEmpty()) {
                missed.add(instance.name());
            }
            sized.add(bytes.map(instance::withDiskUsage).orElse(instance));
        }
        if (!missed.isEmpty()) {
            unreadable.add("the disk usage of " + String.join(", ", missed) + " (run as root to measure it)");
        }
        return incus.withInstances(sized);
    }

    private Optional<Long> measure(Instance instance) {
        String volume = Project.volumeName(instance.project(), instance.name());
        String kind = instance.type().equals("virtual-machine") ? "virtual-machines" : "containers";
        Path pool = poolsRoot.resolve(instance.pool());
        Path main = pool.resolve(kind).resolve(volume);
        if (du.isEmpty() || !Files.isReadable(main) || !Files.isExecutable(main)) {
            return Optional.empty();
        }
        List<String> argv =
                new ArrayList<>(List.of(du.get().toString(), "-s", "-c", "--block-size=1", main.toString()));
        Path snapshots = pool.resolve(kind + "-snapshots").resolve(volume);
        if (Files.isDirectory(snapshots)) {
            argv.add(snapshots.toString());
        }
        CommandRunner.Result result = runner.attempt(HostTools.ask(argv.toArray(String[]::new)));
        List<String> lines = result.stdout().lines().toList();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String total = lines.get(lines.size() - 1).split("\\s+", 2)[0];
        return total.matches("\\d+") ? Optional.of(Long.parseLong(total)) : Optional.empty();
    }
}

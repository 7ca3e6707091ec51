package dev.taos.host.ui.output;

import static dev.taos.host.core.ByteSize.human;

import dev.taos.host.core.door.AppDoorState;
import dev.taos.host.core.facts.ClusterFacts;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.facts.StoragePool;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** detect's Incus part: the daemon, its projects, the app's door, the cluster, and the pool and instance tables. */
final class IncusFactsReport {

    private IncusFactsReport() {}

    static void incus(StringBuilder out, IncusFacts incus, int width) {
        switch (incus.status()) {
            case NOT_INSTALLED -> FactsReport.line(out, "Incus", "not installed");
            case DAEMON_DOWN -> FactsReport.line(out, "Incus", "installed, daemon not answering: " + incus.detail());
            case NO_ACCESS ->
                FactsReport.line(out, "Incus", "installed, this user may not query it: " + incus.detail());
            default -> {
                FactsReport.line(
                        out,
                        "Incus",
                        incus.serverVersion() + ", drivers " + String.join(", ", incus.supportedDrivers()) + "; "
                                + incus.images().size() + " image(s) cached; managed networks: "
                                + (incus.managedNetworks().isEmpty()
                                        ? "none"
                                        : String.join(", ", incus.managedNetworks())));
                cluster(out, incus.cluster(), width);
                FactsReport.line(
                        out,
                        "Profile",
                        incus.defaultProfile().hasRoot()
                                ? "default: root on pool \""
                                        + incus.defaultProfile().rootPool() + "\""
                                : "default: no root disk");
                projects(out, incus, width);
                pools(out, incus.pools(), incus.instances(), width);
                instances(out, incus.instances(), width);
            }
        }
    }

    /**
     * Every project, with where its new instances root and what it restricts; only when there is more than the default
     * one.
     */
    private static void projects(StringBuilder out, IncusFacts incus, int width) {
        if (incus.projects().size() < 2) {
            return;
        }
        List<List<String>> rows =
                new ArrayList<>(List.of(List.of("PROJECT", "PROFILES", "ROOT POOL", "RESTRICTED", "INSTANCES")));
        for (Project p : incus.projects()) {
            String root = p.ownProfiles()
                    ? p.defaultProfile().rootPool()
                    : incus.defaultProfile().rootPool();
            String driver = incus.pool(root).map(StoragePool::driver).orElse(root.isEmpty() ? "" : "missing");
            rows.add(List.of(
                    p.name(),
                    p.ownProfiles() ? "own" : "default project's",
                    root.isEmpty() ? "-" : root + " (" + driver + ")",
                    p.restricted() ? "yes" + (p.allowsProxyDevices() ? ", proxy allowed" : ", no proxy devices") : "no",
                    String.valueOf(incus.instances().stream()
                            .filter(i -> i.project().equals(p.name()))
                            .count())));
        }
        FactsReport.table(out, "Projects", rows, width);
    }

    /**
     * Who the taOS app deploys as, through which door, into which project, and whether its next deploy would work
     * copy-on-write.
     */
    static void appDoor(StringBuilder out, HostFacts facts) {
        AppDoorState state = AppDoorState.of(facts);
        FactsReport.line(out, "taOS app", state.door().describe());
        if (state.needs().isEmpty()) {
            return;
        }
        List<String> unmet = state.needs().stream()
                .filter(n -> !n.met())
                .map(n -> n.kind().check() + ": no (" + n.detail() + ")")
                .toList();
        FactsReport.line(
                out,
                "App deploys",
                unmet.isEmpty()
                        ? "ready: they work and land copy-on-write on \"" + state.launchPool() + "\""
                        : "not ready (taos-host setup prepares them)");
        unmet.forEach(need -> FactsReport.line(out, "", need));
    }

    private static void cluster(StringBuilder out, ClusterFacts cluster, int width) {
        if (!cluster.clustered()) {
            return;
        }
        List<List<String>> rows =
                new ArrayList<>(List.of(List.of("MEMBER", "STATUS", "ARCH", "DRIVERS", "POOLS HERE")));
        cluster.members()
                .forEach(m -> rows.add(List.of(
                        m.name() + (m.name().equals(cluster.thisMember()) ? " (this one)" : ""),
                        m.status(),
                        m.architecture(),
                        String.join(", ", m.supportedDrivers()),
                        m.unreadable().isEmpty()
                                ? m.pools().stream()
                                        .map(p -> p.name() + " " + p.status() + ", "
                                                + human(p.totalBytes() - p.usedBytes()) + " free")
                                        .collect(Collectors.joining("; "))
                                : "not read: " + m.unreadable())));
        FactsReport.table(out, "Cluster", rows, width);
    }

    private static void pools(StringBuilder out, List<StoragePool> pools, List<Instance> instances, int width) {
        if (pools.isEmpty()) {
            FactsReport.line(out, "Pools", "none");
            return;
        }
        List<List<String>> rows =
                new ArrayList<>(List.of(List.of("NAME", "DRIVER", "SOURCE", "SIZE", "USED", "VOLUMES")));
        for (StoragePool p : pools) {
            boolean dir = p.driver().equals("dir");
            rows.add(List.of(
                    p.name(),
                    p.driver() + (p.loopBacked() ? " (loop)" : ""),
                    p.source(),
                    (dir ? "fs " : "") + human(p.totalBytes()),
                    dir ? instancesUsage(p, instances) : human(p.usedBytes()),
                    String.valueOf(p.customVolumes().size())));
        }
        FactsReport.table(out, "Pools", rows, width);
    }

    /**
     * A dir pool has no size of its own (Incus reports the host filesystem's), so what it holds is its instances'
     * usage, "?" when one could not be measured.
     */
    private static String instancesUsage(StoragePool pool, List<Instance> instances) {
        List<Instance> on =
                instances.stream().filter(i -> i.pool().equals(pool.name())).toList();
        return on.stream().anyMatch(i -> i.diskUsageBytes() < 0)
                ? "?"
                : human(on.stream().mapToLong(Instance::diskUsageBytes).sum());
    }

    private static void instances(StringBuilder out, List<Instance> instances, int width) {
        if (instances.isEmpty()) {
            FactsReport.line(out, "Instances", "none");
            return;
        }
        List<List<String>> rows =
                new ArrayList<>(List.of(List.of("NAME", "STATE", "POOL", "SIZE", "SNAPSHOTS", "VOLUMES")));
        for (Instance i : instances) {
            rows.add(List.of(
                    Project.qualified(i.project(), i.name()),
                    i.status(),
                    i.pool() + (i.rootDeviceLocal() ? " (pinned)" : ""),
                    human(i.diskUsageBytes()),
                    i.snapshots().isEmpty() ? "-" : String.join(",", i.snapshots()),
                    i.customVolumes().isEmpty() ? "-" : String.join(",", i.customVolumes())));
        }
        FactsReport.table(out, "Instances", rows, width);
    }
}

package dev.taos.host.ui.output;

import static dev.taos.host.core.ByteSize.human;

import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.UnitFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The five-second summary of {@code detect}: one labelled line per subject, then the pool and instance tables. */
public final class FactsReport {

    private FactsReport() {}

    public static String render(HostFacts facts) {
        return render(facts, TextTable.UNLIMITED);
    }

    /** Tables fitted to {@code width} columns (0: as wide as they need). */
    public static String render(HostFacts facts, int width) {
        StringBuilder out = new StringBuilder();
        var host = facts.host();
        var home = facts.storage().incusHome();
        line(
                out,
                "Host",
                host.arch() + ", " + host.distro().prettyName() + ", kernel " + host.kernel() + ", " + host.cpuCount()
                        + " CPUs, " + human(host.memoryBytes()) + " RAM, systemd "
                        + (host.systemdPid1() ? "running" : "not PID 1"));
        line(
                out,
                "Storage",
                home.path() + (home.exists() ? "" : " (not created yet)") + " on " + home.fsType() + " at "
                        + home.mountPoint()
                        + ", " + human(home.freeBytes()) + " free of " + human(home.totalBytes()) + "; root filesystem "
                        + facts.storage().rootFsType()
                        + snapshotTools(facts));
        line(
                out,
                "Kernel",
                "btrfs " + word(facts.kernel().btrfs().name()) + ", zfs "
                        + word(facts.kernel().zfs().name()));
        line(
                out,
                "Tools",
                facts.tools().entrySet().stream()
                        .filter(Map.Entry::getValue)
                        .map(Map.Entry::getKey)
                        .collect(Collectors.joining(" ")));
        IncusFactsReport.incus(out, facts.incus(), width);
        IncusFactsReport.appDoor(out, facts);
        List<UnitFacts> installed =
                facts.units().stream().filter(UnitFacts::installed).toList();
        line(
                out,
                "taOS units",
                installed.isEmpty()
                        ? "none installed"
                        : installed.stream()
                                .map(u -> u.name() + " (" + orUnknown(u.enabled()) + ", " + orUnknown(u.active()) + ")")
                                .collect(Collectors.joining(", ")));
        if (!facts.unreadable().isEmpty()) {
            line(out, "Not read", String.join("; ", facts.unreadable()));
        }
        return out.toString();
    }

    static void table(StringBuilder out, String label, List<List<String>> rows, int width) {
        List<String> lines = TextTable.lines(rows, width <= 0 ? width : Math.max(1, width - LABEL));
        for (int r = 0; r < lines.size(); r++) {
            line(out, r == 0 ? label : "", lines.get(r));
        }
    }

    private static String snapshotTools(HostFacts facts) {
        List<String> tools = new ArrayList<>();
        if (facts.storage().snapperPresent()) {
            tools.add("snapper");
        }
        if (facts.storage().timeshiftPresent()) {
            tools.add("timeshift");
        }
        return tools.isEmpty() ? "" : "; host snapshots by " + String.join(", ", tools);
    }

    static String word(String enumName) {
        return enumName.toLowerCase(java.util.Locale.ROOT);
    }

    static String orUnknown(String word) {
        return word.isEmpty() ? "unknown" : word;
    }

    private static final int LABEL = 12;

    public static void line(StringBuilder out, String label, String text) {
        out.append(String.format("%-11s %s%n", label, text));
    }
}

package dev.taos.host.probe;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Finds programs on PATH and in the sbin directories (which a non-root PATH often lacks). */
public final class ToolsProbe {

    public static final List<String> TOOLS = List.of(
            "incus",
            "btrfs",
            "zfs",
            "zpool",
            "lvm",
            "thin_check",
            "systemctl",
            "systemd-analyze",
            "snapper",
            "timeshift",
            "du",
            "rsync");

    private final List<Path> directories;

    public ToolsProbe(String pathVariable) {
        LinkedHashSet<Path> dirs = new LinkedHashSet<>();
        for (String dir : (pathVariable == null ? "" : pathVariable).split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
                .forEach(d -> dirs.add(Path.of(d)));
        this.directories = new ArrayList<>(dirs);
    }

    public Optional<Path> find(String tool) {
        return directories.stream()
                .map(d -> d.resolve(tool))
                .filter(Files::isExecutable)
                .findFirst();
    }

    public Map<String, Boolean> presence() {
        Map<String, Boolean> found = new TreeMap<>();
        TOOLS.forEach(tool -> found.put(tool, find(tool).isPresent()));
        return found;
    }
}

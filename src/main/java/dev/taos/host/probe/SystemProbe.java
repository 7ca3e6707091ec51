package dev.taos.host.probe;

import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.Distro;
import dev.taos.host.core.facts.KernelFacts;
import dev.taos.host.core.facts.KernelFacts.FsSupport;
import dev.taos.host.core.facts.StorageFacts;
import dev.taos.host.core.facts.StorageFacts.IncusHome;
import dev.taos.host.core.facts.StorageFacts.MountFacts;
import dev.taos.host.core.facts.SystemFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import oshi.SystemInfo;
import oshi.software.os.OSFileStore;

/** Reads the machine: OSHI for memory, CPUs and filesystems; /etc/os-release and /proc for the rest. Read-only. */
public final class SystemProbe {

    private final Path root;
    private final List<String> unreadable;
    private final SystemInfo oshi = new SystemInfo();

    /** {@code root} is "/" on a real host; {@code unreadable} collects what could not be read. */
    public SystemProbe(Path root, List<String> unreadable) {
        this.root = root;
        this.unreadable = unreadable;
    }

    public SystemFacts system() {
        var hardware = oshi.getHardware();
        return new SystemFacts(
                incusArch(System.getProperty("os.arch")),
                distro(),
                read("proc/sys/kernel/osrelease").strip(),
                // Not OSHI's processor: it runs getconf and walks udev, a tenth of a second for a number the JVM
                // already has.
                hardware.getMemory().getTotal(),
                Runtime.getRuntime().availableProcessors(),
                Files.isDirectory(root.resolve("run/systemd/system")));
    }

    /** Incus names architectures as the kernel does: x86_64, aarch64. */
    public static String incusArch(String javaArch) {
        return switch (javaArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> javaArch;
        };
    }

    Distro distro() {
        String text = read("etc/os-release");
        if (text.isEmpty()) {
            return Distro.unknown();
        }
        Map<String, String> values = new HashMap<>();
        text.lines().filter(l -> l.contains("=")).forEach(line -> {
            String[] kv = line.split("=", 2);
            values.put(kv[0].trim(), kv[1].trim().replaceAll("^[\"']|[\"']$", ""));
        });
        return new Distro(
                values.getOrDefault("ID", "unknown"),
                values.getOrDefault("VERSION_ID", ""),
                values.getOrDefault("VERSION_CODENAME", ""),
                values.getOrDefault("PRETTY_NAME", "unknown Linux"));
    }

    public StorageFacts storage(boolean snapperTool, boolean timeshiftTool) {
        List<MountFacts> mounts = new ArrayList<>();
        for (OSFileStore store : oshi.getOperatingSystem().getFileSystem().getFileStores(true)) {
            mounts.add(new MountFacts(
                    store.getMount(),
                    store.getVolume(),
                    store.getType(),
                    store.getTotalSpace(),
                    store.getUsableSpace()));
        }
        mounts.sort(Comparator.comparing(MountFacts::mountPoint));
        String rootType = mountFor("/", mounts).map(MountFacts::fsType).orElse("unknown");
        boolean snapper = snapperTool || nonEmptyDir(root.resolve("etc/snapper/configs"));
        boolean timeshift = timeshiftTool || Files.exists(root.resolve("etc/timeshift/timeshift.json"));
        return new StorageFacts(mounts, incusHome(mounts), rootType, snapper, timeshift);
    }

    IncusHome incusHome(List<MountFacts> mounts) {
        Path home = root.resolve(HostPaths.INCUS_HOME.substring(1));
        boolean exists = Files.isDirectory(home);
        Path existing = home;
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        String hostPath = "/" + root.relativize(existing).toString();
        Optional<MountFacts> mount = mountFor(hostPath, mounts);
        if (mount.isPresent()) {
            MountFacts m = mount.get();
            return new IncusHome(
                    HostPaths.INCUS_HOME, exists, m.mountPoint(), m.fsType(), m.totalBytes(), m.freeBytes());
        }
        try {
            var store = Files.getFileStore(existing);
            return new IncusHome(
                    HostPaths.INCUS_HOME,
                    exists,
                    hostPath,
                    store.type(),
                    store.getTotalSpace(),
                    store.getUsableSpace());
        } catch (IOException e) {
            unreadable.add("the filesystem of " + existing + " (" + e.getMessage() + ")");
            return new IncusHome(HostPaths.INCUS_HOME, exists, "", "unknown", 0, 0);
        }
    }

    /** The mount with the longest mount point that contains {@code path}, compared component by component. */
    static Optional<MountFacts> mountFor(String path, List<MountFacts> mounts) {
        Path target = Path.of(path);
        return mounts.stream()
                .filter(m -> target.startsWith(Path.of(m.mountPoint())))
                .max(Comparator.comparingInt(m -> Path.of(m.mountPoint()).getNameCount()));
    }

    public KernelFacts kernel(String release) {
        String filesystems = read("proc/filesystems");
        String modules = Files.isReadable(root.resolve("lib/modules/" + release + "/modules.dep"))
                ? read("lib/modules/" + release + "/modules.dep")
                : "";
        return new KernelFacts(support("btrfs", filesystems, modules), support("zfs", filesystems, modules));
    }

    private static FsSupport support(String fs, String filesystems, String modules) {
        boolean listed = filesystems
                .lines()
                .anyMatch(l -> l.trim().endsWith("\t" + fs) || l.trim().equals(fs));
        if (listed) {
            return FsSupport.AVAILABLE;
        }
        return modules.lines().anyMatch(l -> l.contains("/" + fs + ".ko")) ? FsSupport.MODULE : FsSupport.ABSENT;
    }

    private String read(String relative) {
        Path file = root.resolve(relative);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            unreadable.add("/" + relative + " (" + e.getClass().getSimpleName() + ")");
            return "";
        }
    }

    private static boolean nonEmptyDir(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }
}

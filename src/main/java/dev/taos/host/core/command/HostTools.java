package dev.taos.host.core.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every command of the host's own tools taos-host runs (rsync, btrfs, systemd, apt, files, users), built in one place.
 */
public final class HostTools {

    private HostTools() {}

    /**
     * rsync with hard links, ACLs and extended attributes: Incus's copy between pools keeps neither hard links nor all
     * ACLs. Timestamps are compared to the nanosecond, so a file rewritten at its old size within the second is copied
     * again.
     */
    public static Command sync(String from, String to) {
        return Command.of(
                Patience.COPY,
                List.of(
                        "rsync",
                        "-aHAX",
                        "--numeric-ids",
                        "--delete",
                        "--sparse",
                        "--modify-window=-1",
                        "--filter=-x security.selinux",
                        from + "/",
                        to + "/"));
    }

    /** A btrfs subvolume made read-only, or writable. */
    public static Command readOnly(String subvolume, boolean readOnly) {
        return Command.of(
                Patience.CHANGE, List.of("btrfs", "property", "set", "-ts", subvolume, "ro", String.valueOf(readOnly)));
    }

    /** {@code systemctl ARGS...} (enable, disable, --now, daemon-reload, start, stop). */
    public static Command systemctl(String... argv) {
        List<String> command = new ArrayList<>(List.of("systemctl"));
        command.addAll(Arrays.asList(argv));
        return Command.of(Patience.INSTALL, command);
    }

    /** A question to systemd about its units (is-enabled, is-active). */
    public static Command systemctlQuery(String... argv) {
        return systemctl(argv).withPatience(Patience.ANSWER);
    }

    /** systemd's own opinion of unit files. */
    public static Command analyze(List<String> units) {
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
        command.addAll(units);
        return Command.of(Patience.ANSWER, command);
    }

    public static Command aptUpdate() {
        return Command.of(Patience.INSTALL, List.of("apt-get", "update"));
    }

    public static Command aptInstall(List<String> options, List<String> packages) {
        List<String> command =
                new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y"));
        command.addAll(options);
        command.addAll(packages);
        return Command.of(Patience.INSTALL, command);
    }

    public static Command move(String from, String to) {
        return Command.of(Patience.CHANGE, List.of("mv", "-f", from, to));
    }

    public static Command remove(String path) {
        return Command.of(Patience.CHANGE, List.of("rm", "-f", path));
    }

    /** The names a gzipped tarball holds, read to its end (a truncated download fails here). */
    public static Command listTarball(String file) {
        return Command.of(Patience.INSTALL, List.of("tar", "-tzf", file));
    }

    /**
     * One connection to Incus as {@code user}, as its first deploy would make: with --force-local and a cache directory
     * it cannot create, so nothing is written in the user's home.
     */
    public static Command connectAs(String user) {
        return Command.of(
                Patience.CHANGE,
                List.of(
                        "runuser",
                        "-u",
                        user,
                        "--",
                        "env",
                        "INCUS_CACHE=/dev/null/incus",
                        "incus",
                        "--force-local",
                        "query",
                        "/1.0"));
    }

    /** A question to the name services or the system (getent, id, du, ...). */
    public static Command ask(String... argv) {
        return Command.of(Patience.ANSWER, List.of(argv));
    }
}

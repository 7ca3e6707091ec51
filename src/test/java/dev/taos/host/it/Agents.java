package dev.taos.host.it;

/** What the migrate ITs compare before and after: where an instance is, and everything on its disk. */
final class Agents {

    private Agents() {}

    /** "POOL,STATUS" of the instance, or "" when there is none by that name. */
    static String where(IncusHost host, String name) {
        return host.sh("incus list -f csv -c bs '^" + name + "$'")
                .stdout()
                .strip()
                .toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Every path of the instance's root filesystem, read on the host side with the standard tools (not taos-host's own
     * scanner): type, mode, owner, modification time, link target, hard-link groups, every extended attribute (ACLs and
     * capabilities among them) and, for files, SHA-256: what must survive a migration unchanged.
     */
    static String fingerprint(IncusHost host, String pool, String name) {
        return fingerprint(host, pool, "default", name);
    }

    /**
     * As {@link #fingerprint(IncusHost, String, String)} for an instance of {@code project}, stored as PROJECT_NAME.
     */
    static String fingerprint(IncusHost host, String pool, String project, String name) {
        return fingerprintOf(
                host,
                "/var/lib/incus/storage-pools/" + pool + "/containers/"
                        + (project.equals("default") ? "" : project + "_") + name + "/rootfs");
    }

    /** As {@link #fingerprint(IncusHost, String, String)} for the instance's snapshot {@code snapshot}. */
    static String snapshotFingerprint(IncusHost host, String pool, String name, String snapshot) {
        return fingerprintOf(
                host,
                "/var/lib/incus/storage-pools/" + pool + "/containers-snapshots/" + name + "/" + snapshot + "/rootfs");
    }

    /** The fingerprint of the tree at {@code $1}, as a shell script (the test's own; see {@link #fingerprint}). */
    static final String FINGERPRINT = "cd \"$1\" && export LC_ALL=C && find . -printf '%p|%y|%m|%U|%G|%T@|%l\\n' | sort"
            + " && find . ! -type d -links +1 -printf '%i %p\\n' | sort -k2 | awk '{ i = $1; p = "
            + "substr($0, length(i) + 2); if (!(i in first)) first[i] = p; print p \" = \" "
            + "first[i] }'"
            + " && find . \\( -type c -o -type b \\) -exec stat -c '%n %F %t:%T' {} + | sort"
            + " && find . -print0 | sort -z | xargs -0 getfattr -h -d -m - -e hex 2>/dev/null"
            + " ; find . -type f -print0 | sort -z | xargs -0 sha256sum";

    /**
     * Installs {@link #FINGERPRINT} as {@code fingerprint ROOT} in the host, for a test's hook inside a command that
     * taos-host runs (the instant before a start, say).
     */
    static void installFingerprint(IncusHost host) {
        host.copyFileToContainer(
                org.testcontainers.images.builder.Transferable.of("#!/bin/sh\n" + FINGERPRINT + "\n", 0755),
                "/usr/local/bin/fingerprint");
    }

    private static String fingerprintOf(IncusHost host, String root) {
        return host.exec("sh", "-c", FINGERPRINT, "sh", root)
                .requireSuccess("fingerprint " + root)
                .stdout();
    }

    static String instances(IncusHost host) {
        return host.sh("incus list -f csv -c nbs").stdout();
    }
}

package dev.taos.host.it;

/** What the migrate ITs compare before and after: where an instance is, and everything on its disk. */
final class Agents {

    private Agents() {
    }

    /** "POOL,STATUS" of the instance, or "" when there is none by that name. */
    static String where(IncusHost host, String name) {
        return host.sh("incus list -f csv -c bs '^" + name + "$'").stdout().strip().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Every path of the instance's root filesystem, read on the host side, with type, mode, owner, link target and, for
     * files, SHA-256: the manifest that must survive a migration unchanged.
     */
    static String fingerprint(IncusHost host, String pool, String name) {
        String root = "/var/lib/incus/storage-pools/" + pool + "/containers/" + name + "/rootfs";
        return host.sh("cd " + root + " && find . -printf '%p|%y|%m|%U|%G|%l\\n' | LC_ALL=C sort"
                + " && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum").stdout();
    }

    static String instances(IncusHost host) {
        return host.sh("incus list -f csv -c nbs").stdout();
    }
}

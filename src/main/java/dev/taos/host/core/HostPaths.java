package dev.taos.host.core;

/** Every place on the host that taos-host reads or writes by name, in one place. */
public final class HostPaths {

    /** Incus's data directory (Debian's package and Zabbly's), its pools' mount points and its loop files. */
    public static final String INCUS_HOME = "/var/lib/incus";

    public static final String POOLS_ROOT = INCUS_HOME + "/storage-pools";
    public static final String DISKS = INCUS_HOME + "/disks";

    /** incus-user's socket, through which users of the group incus reach the daemon, each in a project of their own. */
    public static final String INCUS_USER_SOCKET = INCUS_HOME + "/unix.socket.user";
    /** The program incus-user, where Debian's package (and Zabbly's) put it. */
    public static final String INCUS_USER_PROGRAM = "/usr/libexec/incus/incus-user";
    /** root's subordinate ids, which an instance's raw.idmap draws on. */
    public static final String SUBUID = "/etc/subuid";

    public static final String SUBGID = "/etc/subgid";
    /** The taOS app's service, whose User= is the user the app deploys as. */
    public static final String APP_SERVICE = "/etc/systemd/system/tinyagentos.service";

    /** taos-host's own state: the lock, the journals, downloads and the fetch status. */
    public static final String STATE_DIR = "/var/lib/taos-host";

    /**
     * fetch-base-image's record of its last attempt, in the state directory (verify reads it, a path unit watches it).
     */
    public static final String FETCH_STATUS_NAME = "base-image-fetch.json";

    /** What setup installs. */
    public static final String UNIT_DIR = "/etc/systemd/system/";

    public static final String CONFIG = "/etc/taos-host/taos-host.conf";
    /** The operator's image layers (image build, image launch). */
    public static final String IMAGES = "/etc/taos-host/images.yaml";

    public static final String JAR = "/usr/local/lib/taos-host/taos-host.jar";

    private HostPaths() {}

    /** Where Incus mounts pool {@code pool}; a btrfs subvolume pool is created with this as its source. */
    public static String pool(String pool) {
        return POOLS_ROOT + "/" + pool;
    }
}

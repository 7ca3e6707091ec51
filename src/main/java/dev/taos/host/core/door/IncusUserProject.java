package dev.taos.host.core.door;

import dev.taos.host.core.facts.AppAccess.AppUser;
import dev.taos.host.core.facts.IncusFacts.DefaultProfile;
import dev.taos.host.core.facts.Project;
import java.util.Map;
import java.util.TreeMap;

/**
 * What incus-user (Incus 6.0) makes for a user at their first connection: a restricted project {@code user-UID} whose
 * default profile roots on the pool named {@code default} and has {@code eth0} on a bridge of its own. Known here so a
 * plan can be made for a project that does not exist yet.
 */
public final class IncusUserProject {

    /** The pool incus-user's profiles root on; the name is fixed in incus-user. */
    public static final String POOL = "default";

    private IncusUserProject() {}

    public static String name(AppUser user) {
        return "user-" + user.uid();
    }

    public static String bridge(AppUser user) {
        return "incusbr-" + user.uid();
    }

    /** The project as incus-user creates it (its config and default profile). */
    public static Project asCreated(AppUser user) {
        Map<String, String> config = new TreeMap<>(Map.of(
                "features.images",
                "true",
                "features.networks",
                "false",
                "features.networks.zones",
                "true",
                "features.profiles",
                "true",
                "features.storage.volumes",
                "true",
                "features.storage.buckets",
                "true",
                "restricted",
                "true",
                "restricted.containers.nesting",
                "allow",
                "restricted.devices.disk",
                "allow",
                "restricted.devices.gpu",
                "allow"));
        config.put("restricted.devices.disk.paths", user.home());
        config.put("restricted.idmap.uid", String.valueOf(user.uid()));
        config.put("restricted.idmap.gid", String.valueOf(user.gid()));
        config.put("restricted.networks.access", bridge(user));
        return new Project(name(user), config, new DefaultProfile(POOL, true));
    }
}

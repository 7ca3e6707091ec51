package dev.taos.host.core.door;

import dev.taos.host.core.facts.AppAccess;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.image.BaseImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the app's next deploy works and lands copy-on-write, need by need. The deploy (docs/ARCHITECTURE.md, "The
 * app's door") launches from the project's default profile, sets {@code raw.idmap "both UID 0"} and adds proxy devices,
 * so it needs: a copy-on-write root pool, proxy devices allowed, the app's uid allowed as a user and as a group id in
 * idmaps, and root's /etc/subuid and /etc/subgid holding that id; through incus-user, also its socket and the project.
 * {@code project} is the project as it is, or as incus-user will make it when {@code projectExists} is false.
 */
public record AppDoorState(
        AppDoor door, Optional<Project> project, boolean projectExists, String launchPool, List<Need> needs) {

    public enum Kind {
        SOCKET("incus-user's socket is enabled"),
        PROJECT("the app's project exists"),
        COPY_ON_WRITE("the app's launches land on a copy-on-write pool"),
        PROXY("the app's project allows its proxy devices"),
        IDMAP("the app's project allows its idmap"),
        SUBIDS("root's subuid and subgid cover the app's user"),
        SNAPSHOTS("the app's project allows its snapshots"),
        IMAGES("the app's project holds the base images it launches"),
        DATA_DIR("the app's project allows its disk devices under its data dir");

        private final String check;

        Kind(String check) {
            this.check = check;
        }

        public String check() {
            return check;
        }
    }

    /** One thing the deploy needs: whether the host has it, and what the host shows. */
    public record Need(Kind kind, boolean met, String detail) {}

    public AppDoorState {
        needs = List.copyOf(needs);
    }

    public static AppDoorState of(HostFacts facts) {
        AppDoor door = AppDoor.of(facts);
        IncusFacts incus = facts.incus();
        if (!incus.running() || !(door instanceof AppDoor.Admin || door instanceof AppDoor.ThroughIncusUser)) {
            return new AppDoorState(door, Optional.empty(), false, "", List.of());
        }
        AppAccess access = facts.appAccess();
        long uid = access.user().uid();
        Optional<Project> existing = incus.project(door.project());
        Project project = existing.orElseGet(() -> IncusUserProject.asCreated(access.user()));
        String launchPool = launchPool(incus, project);
        List<Need> needs = new ArrayList<>();
        if (door instanceof AppDoor.ThroughIncusUser) {
            var service = access.incusUser();
            boolean socket =
                    service.socketEnabled().isEmpty() ? service.socketPresent() : service.socketEnabledAndActive();
            needs.add(new Need(
                    Kind.SOCKET,
                    socket,
                    !service.installed()
                            ? "incus-user is not installed"
                            : service.socketEnabled().isEmpty()
                                    ? (socket
                                            ? "its socket is there"
                                            : "its socket " + "is not there: incus-user does not run")
                                    : "incus-user.socket is " + service.socketEnabled() + ", "
                                            + service.socketActive()));
            needs.add(new Need(
                    Kind.PROJECT,
                    existing.isPresent(),
                    existing.isPresent()
                            ? "project " + project.name()
                            : "not yet: incus-user makes " + project.name()
                                    + " at the app's first connection, rooted on pool \"" + IncusUserProject.POOL
                                    + "\""));
        }
        Optional<StoragePool> pool = incus.pool(launchPool);
        needs.add(new Need(
                Kind.COPY_ON_WRITE,
                pool.map(StoragePool::copyOnWrite).orElse(false),
                launchPool.isEmpty()
                        ? "the default profile of project " + project.profileProject() + " has no root disk"
                        : pool.map(p -> "pool \"" + p.name() + "\" (" + p.driver() + ")")
                                .orElse("pool \"" + launchPool + "\" does not exist")));
        needs.add(new Need(
                Kind.PROXY,
                project.allowsProxyDevices(),
                !project.restricted()
                        ? "the project is not restricted"
                        : project.allowsProxyDevices()
                                ? "restricted.devices.proxy=allow: whoever controls "
                                        + access.user().name()
                                        + " can reach any socket on this host as root through a proxy device"
                                : "restricted.devices.proxy="
                                        + project.config().getOrDefault("restricted.devices.proxy", "(unset: block)")
                                        + ": the app's deploys fail at their proxy step (\"Proxy devices are"
                                        + " forbidden\")"));
        boolean idmap = project.allowsIdmapUid(uid) && project.allowsIdmapGid(uid);
        needs.add(new Need(
                Kind.IDMAP,
                idmap,
                project.restricted()
                        ? "raw.idmap \"both " + uid + " 0\" needs " + uid + " in restricted.idmap.uid ("
                                + value(project, "restricted.idmap.uid") + ") and restricted.idmap.gid ("
                                + value(project, "restricted.idmap.gid") + ")"
                        : "the project is not restricted"));
        var subIds = access.rootSubIds();
        boolean covered = subIds.coverUid(uid) && subIds.coverGid(uid);
        needs.add(new Need(
                Kind.SUBIDS,
                covered,
                !subIds.unreadable().isEmpty()
                        ? "cannot read them: " + subIds.unreadable()
                        : covered
                                ? "both hold " + uid
                                : "root:" + uid + ":1 is missing from" + (subIds.coverUid(uid) ? "" : " /etc/subuid")
                                        + (subIds.coverGid(uid) ? "" : " /etc/subgid")));
        needs.add(new Need(
                Kind.SNAPSHOTS,
                project.allowsSnapshots(),
                !project.restricted()
                        ? "the project is not restricted"
                        : "restricted.snapshots=" + value(project, "restricted.snapshots")
                                + (project.allowsSnapshots()
                                        ? ""
                                        : ": the app's snapshot before each update fails, and with it the update")));
        needs.add(images(incus, project));
        needs.add(dataDir(facts, project));
        return new AppDoorState(door, Optional.of(project), existing.isPresent(), launchPool, needs);
    }

    /**
     * The base images of the default project, in the app's: it sees only its own project's images
     * ({@code features.images}), so one it lacks makes its deploy fall back to a download.
     */
    private static Need images(IncusFacts incus, Project project) {
        List<String> imported = BaseImage.aliases().stream()
                .filter(alias -> incus.image(Project.DEFAULT, alias).isPresent())
                .toList();
        List<String> missing = imported.stream()
                .filter(alias -> incus.image(project.name(), alias).isEmpty())
                .toList();
        return new Need(
                Kind.IMAGES,
                missing.isEmpty(),
                imported.isEmpty()
                        ? "no base image is imported yet (fetch-base-image)"
                        : missing.isEmpty()
                                ? String.join(", ", imported) + " in project " + project.name()
                                : String.join(", ", missing) + " missing from project " + project.name()
                                        + ", which sees only its own images");
    }

    /** The app mounts DATA_DIR/trace/AGENT into each agent: a disk device its project must allow. */
    private static Need dataDir(HostFacts facts, Project project) {
        String trace = facts.taosApp().traceDir();
        boolean allowed = project.allowsDiskPath(trace);
        return new Need(
                Kind.DATA_DIR,
                allowed,
                !project.restricted()
                        ? "the project is not restricted"
                        : trace + (allowed ? " is under " : " is not under ") + "restricted.devices.disk.paths ("
                                + value(project, "restricted.devices.disk.paths") + ")"
                                + (allowed
                                        ? ""
                                        : ": the app's deploys fail at their trace mount; move the app's data dir"
                                                + " under one of those paths, or add it to them"));
    }

    /** The pool new instances of {@code project} root on: its profiles' default profile's root pool. */
    public static String launchPool(IncusFacts incus, Project project) {
        if (project.ownProfiles()) {
            return project.defaultProfile().rootPool();
        }
        return incus.project(Project.DEFAULT)
                .map(p -> p.defaultProfile().rootPool())
                .orElse("");
    }

    /**
     * What allowing proxy devices in the app's project means, and why it is asked (docs/ARCHITECTURE.md, "The app's
     * door"): Incus offers nothing narrower than allowing or blocking them for a whole project.
     */
    public static String proxyPrice(String user) {
        return "the app adds two to each agent (its gateways to LiteLLM and to the app) and cannot deploy without"
                + " them. Incus allows them per project, all or none: a proxy's host side connects as root to any"
                + " address or socket on this host, root's Incus socket included, so whoever controls the user " + user
                + " can act as root here.";
    }

    public boolean met(Kind kind) {
        return needs.stream().filter(n -> n.kind() == kind).allMatch(Need::met);
    }

    /** Whether the app's next deploy would work and land copy-on-write. */
    public boolean ready() {
        return !needs.isEmpty() && needs.stream().allMatch(Need::met);
    }

    private static String value(Project project, String key) {
        return project.config().getOrDefault(key, "unset");
    }

    /**
     * What proxy devices mean for the app's project, in words: the plan says it whether they are allowed or declined.
     */
    public static String proxyNote(String user, boolean allowed) {
        return "Proxy devices: " + proxyPrice(user)
                + (allowed
                        ? " They are allowed; decline with --no-app-proxies (answers file: app-proxies: false), and"
                                + " the app's deploys then fail at their proxy step."
                        : " Declined (--no-app-proxies): the app's deploys will fail at their proxy step (\"Proxy"
                                + " devices are forbidden\").");
    }
}

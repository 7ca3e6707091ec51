package dev.taos.host.core.plan;

import dev.taos.host.core.HostPaths;
import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.HostTools;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.door.AppDoor;
import dev.taos.host.core.door.AppDoorState;
import dev.taos.host.core.door.AppDoorState.Kind;
import dev.taos.host.core.door.IncusUserProject;
import dev.taos.host.core.facts.AppAccess.AppUser;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IdRange;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.image.BaseImage;
import dev.taos.host.core.plan.Step.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Steps that make the app's next deploy work and land copy-on-write, whichever door it comes through
 * (docs/ARCHITECTURE.md, "The app's door"): root's subordinate ids for the app's uid, incus-user's socket, the project
 * incus-user makes for the app (made now when the app has never connected), that project's default profile on the
 * copy-on-write pool (its instances pinned first), and the proxy devices and idmap its deploy needs. Each change has
 * its undo. The default project's profile is the planner's own step.
 */
final class AppDoorSteps {

    private final HostFacts facts;
    private final AppDoorState state;
    private final List<String> notes;

    AppDoorSteps(HostFacts facts, List<String> notes) {
        this.facts = facts;
        this.state = AppDoorState.of(facts);
        this.notes = notes;
    }

    /** The refusal of a request naming an app user the host does not know. */
    static Optional<PlanOutcome.Refusal> unknownUser(HostFacts facts) {
        if (!(AppDoor.of(facts) instanceof AppDoor.UnknownUser unknown)) {
            return Optional.empty();
        }
        return Optional.of(new PlanOutcome.Refusal(
                PlanOutcome.Reason.INVALID_REQUEST,
                "the taOS app's user",
                "there is no user \"" + unknown.name() + "\" on this host",
                List.of(
                        "name the user the taOS app runs as with --app-user (or app-user: in the answers file)",
                        "or leave it out to find it: User= of tinyagentos.service, the owner of "
                                + facts.taosApp().installDir() + ", or a user named taos")));
    }

    /** The steps for a host whose default profile roots on {@code pool} once setup's storage steps are done. */
    List<Step> plan(String pool, AppChoice choice) {
        boolean prepare = choice.prepare();
        AppDoor door = state.door();
        if (door instanceof AppDoor.NoApp || door instanceof AppDoor.Closed) {
            notes.add("The taOS app: " + door.describe()
                    + (door instanceof AppDoor.Closed closed
                            ? "; add it to the group incus (usermod -aG incus "
                                    + closed.user().name() + ") and run setup again."
                            : "."));
            return List.of();
        }
        if (state.project().isEmpty()) {
            return List.of();
        }
        Project project = state.project().get();
        boolean landsOnPool = project.ownProfiles() ? state.launchPool().equals(pool) : true;
        if (!prepare) {
            List<String> unmet = state.needs().stream()
                    .filter(n -> !n.met() && !(n.kind() == Kind.COPY_ON_WRITE && landsOnPool))
                    .map(n -> n.kind().check())
                    .toList();
            notes.add("The taOS app's door is left as it is (--no-prepare-app): " + door.describe()
                    + (unmet.isEmpty() ? "." : "; not yet: " + String.join(", ", unmet) + "."));
            return List.of();
        }
        AppUser user =
                ((door instanceof AppDoor.Admin admin) ? admin.user() : ((AppDoor.ThroughIncusUser) door).user());
        List<Step> steps = new ArrayList<>();
        subIds(user).ifPresent(steps::add);
        if (door instanceof AppDoor.ThroughIncusUser && !opened(user, steps)) {
            return steps;
        }
        if (project.ownProfiles() && !project.defaultProject() && !landsOnPool) {
            ProfileSteps profile = new ProfileSteps(facts.incus(), pool, project);
            profile.pinInstances().ifPresent(steps::add);
            steps.add(profile.setRoot());
        }
        allowDeploy(project, user.uid(), choice.proxies()).ifPresent(steps::add);
        steps.addAll(AppImages.steps(facts, AppImages.Share.baseImages(BaseImage.aliases()), project.name(), pool));
        notes.add("The taOS app: " + door.describe() + ".");
        if (project.restricted()) {
            notes.add(AppDoorState.proxyNote(user.name(), choice.proxies() || project.allowsProxyDevices()));
        }
        return steps;
    }

    /**
     * The socket and the project, made ready when they can be; false when the rest cannot be planned yet (a note says
     * why).
     */
    private boolean opened(AppUser user, List<Step> steps) {
        var service = facts.appAccess().incusUser();
        boolean systemd = facts.host().systemdPid1();
        if (!state.met(Kind.SOCKET)) {
            if (!service.installed() || !systemd) {
                notes.add("The taOS app reaches Incus through incus-user, which "
                        + (service.installed() ? "does not run here and systemd is not PID 1" : "is not installed")
                        + ": start it ("
                        + (service.installed()
                                ? "/usr/libexec/incus/incus-user --group incus &"
                                : "install Incus's" + " incus-user")
                        + "), then run setup again to prepare the app's project.");
                return false;
            }
            steps.add(new Step(
                    Step.Kind.ENABLE_INCUS_USER,
                    "Enabling incus-user's socket, through which the app (group incus) reaches Incus",
                    List.of(Change.undone(
                            new Action.Run(HostTools.systemctl("enable", "--now", "incus-user.socket")),
                            new Action.Run(HostTools.systemctl("disable", "--now", "incus-user.socket")))),
                    0));
        }
        if (!state.projectExists()) {
            if (!systemd) {
                notes.add("The app's project " + IncusUserProject.name(user)
                        + " does not exist yet and systemd is not PID 1, so taos-host could not"
                        + " undo making it: connect once as the app's user (runuser -u " + user.name()
                        + " -- incus project list), then run setup again.");
                return false;
            }
            steps.add(open(user));
        }
        return true;
    }

    /**
     * incus-user makes the project when the user first connects; one connection as the app's user, as its first deploy
     * would make, gets exactly incus-user's project. The client is kept from writing into the user's home (no config
     * with --force-local, a cache directory it cannot create). Undone by deleting what incus-user made and restarting
     * it, since it remembers the projects it has seen.
     */
    private Step open(AppUser user) {
        String project = IncusUserProject.name(user);
        Action connect = new Action.Run(HostTools.connectAs(user.name()));
        return new Step(
                Step.Kind.OPEN_APP_PROJECT,
                "Letting incus-user make the app's project " + project + " (connecting once as " + user.name()
                        + ", as the app's first deploy would)",
                // The connection can fail after incus-user made the project (its answer lost): undone then too.
                List.of(Change.undoneIfItFails(
                        connect,
                        new Action.Run(Incus.projectDelete(project)),
                        new Action.Run(Incus.networkDelete(IncusUserProject.bridge(user))),
                        new Action.Run(HostTools.systemctl("try-restart", "incus-user.service")))),
                0);
    }

    /** root:UID:1 in /etc/subuid and /etc/subgid, for the app's raw.idmap "both UID 0". */
    private Optional<Step> subIds(AppUser user) {
        var subIds = facts.appAccess().rootSubIds();
        String line = "root:" + user.uid() + ":1";
        List<Change> changes = new ArrayList<>();
        if (!subIds.coverUid(user.uid())) {
            changes.add(Change.undone(
                    new Action.EditSubIds(HostPaths.SUBUID, line, true),
                    new Action.EditSubIds(HostPaths.SUBUID, line, false)));
        }
        if (!subIds.coverGid(user.uid())) {
            changes.add(Change.undone(
                    new Action.EditSubIds(HostPaths.SUBGID, line, true),
                    new Action.EditSubIds(HostPaths.SUBGID, line, false)));
        }
        return changes.isEmpty()
                ? Optional.empty()
                : Optional.of(new Step(
                        Step.Kind.MAP_APP_USER,
                        "Letting Incus map the app's user into its agents:" + " root:" + user.uid()
                                + ":1 in /etc/subuid and /etc/subgid (for its raw.idmap \"both " + user.uid() + " 0\")",
                        changes,
                        0));
    }

    /**
     * Proxy devices (when the operator allows them), snapshots, the app's uid as a user and as a group id in idmaps,
     * and disk devices under its trace dir, added to what the project allows already.
     */
    private Optional<Step> allowDeploy(Project project, long uid, boolean proxies) {
        List<Change> changes = new ArrayList<>();
        List<String> what = new ArrayList<>();
        if (proxies && !project.allowsProxyDevices()) {
            changes.add(set(project, "restricted.devices.proxy", "allow"));
            what.add("proxy devices (root's power for whoever controls the app's user: see the note)");
        }
        if (!project.allowsSnapshots()) {
            changes.add(set(project, "restricted.snapshots", "allow"));
            what.add("snapshots (it takes one before every update)");
        }
        if (!project.allowsIdmapUid(uid)) {
            changes.add(
                    set(project, "restricted.idmap.uid", withId(project.config().get("restricted.idmap.uid"), uid)));
            what.add("uid " + uid + " in idmaps");
        }
        if (!project.allowsIdmapGid(uid)) {
            changes.add(
                    set(project, "restricted.idmap.gid", withId(project.config().get("restricted.idmap.gid"), uid)));
            what.add("gid " + uid + " in idmaps");
        }
        String trace = facts.taosApp().traceDir();
        if (!project.allowsDiskPath(trace)) {
            if (!"allow".equals(project.config().get("restricted.devices.disk"))) {
                changes.add(set(project, "restricted.devices.disk", "allow"));
            }
            String paths = project.config().getOrDefault("restricted.devices.disk.paths", "");
            changes.add(set(project, "restricted.devices.disk.paths", paths.isBlank() ? trace : paths + "," + trace));
            what.add("disk devices under " + trace
                    + " (its user may mount what is there into its agents: their traces)");
        }
        return changes.isEmpty()
                ? Optional.empty()
                : Optional.of(new Step(
                        Step.Kind.ALLOW_APP_DEPLOY,
                        "Allowing the app's deploy in project " + project.name() + ": " + String.join(", ", what),
                        changes,
                        0));
    }

    private static Change set(Project project, String key, String value) {
        String old = project.config().get(key);
        Command undo =
                old == null ? Incus.projectUnset(project.name(), key) : Incus.projectSet(project.name(), key, old);
        return Change.undone(new Action.Run(Incus.projectSet(project.name(), key, value)), new Action.Run(undo));
    }

    private static String withId(String list, long id) {
        return IdRange.parseList(list).isEmpty() ? String.valueOf(id) : list + "," + id;
    }
}

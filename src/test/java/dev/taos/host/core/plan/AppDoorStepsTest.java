package dev.taos.host.core.plan;

import static dev.taos.host.core.plan.PlannerTest.commands;
import static dev.taos.host.core.plan.PlannerTest.kinds;
import static dev.taos.host.core.plan.PlannerTest.plan;
import static dev.taos.host.core.plan.PlannerTest.refusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.core.door.AppHostsFacts;
import dev.taos.host.core.facts.AppAccess.AppUser;
import dev.taos.host.core.facts.AppAccess.AppUser.Source;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.plan.PlanOutcome.Plan;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.Step.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The steps that make the app's own deploys work and land copy-on-write, each with its undo, asserted as the commands
 * they run.
 */
class AppDoorStepsTest {

    private static final InstallRequest DEFAULTS = InstallRequest.defaults();

    private static Step step(Plan plan, Kind kind, int nth) {
        return plan.steps().stream()
                .filter(s -> s.kind() == kind)
                .skip(nth)
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + nth + " in " + kinds(plan)));
    }

    private static List<String> undo(Step step) {
        return step.revert().stream().map(Action::display).toList();
    }

    /**
     * The seed's Pi: the app's agents in user-990 on dir pool "default", which holds data, so the new pool gets its own
     * name; the instance of project shared (no profiles of its own) is pinned with the default project's.
     */
    @Test
    void onThePiTheAppsProjectFollowsTheDefaultProfileAndIsOpenedForItsDeploy() {
        Plan plan = plan(AppHostsFacts.pi(), DEFAULTS);
        assertEquals(
                List.of(
                        Kind.CREATE_POOL,
                        Kind.PIN_INSTANCES,
                        Kind.SET_PROFILE_ROOT,
                        Kind.MAP_APP_USER,
                        Kind.PIN_INSTANCES,
                        Kind.SET_PROFILE_ROOT,
                        Kind.ALLOW_APP_DEPLOY,
                        Kind.WARM_APP_IMAGES),
                kinds(plan));
        assertEquals(
                List.of("incus config device override web root --project shared"),
                commands(step(plan, Kind.PIN_INSTANCES, 0)));
        assertEquals(
                List.of(
                        "add root:990:1 to /etc/subuid (under shadow's lock)",
                        "add root:990:1 to /etc/subgid (under shadow's lock)"),
                step(plan, Kind.MAP_APP_USER, 0).actions().stream()
                        .map(Action::display)
                        .toList());
        assertEquals(
                List.of(
                        "remove root:990:1 from /etc/subgid (under shadow's lock)",
                        "remove root:990:1 from /etc/subuid (under shadow's lock)"),
                undo(step(plan, Kind.MAP_APP_USER, 0)));
        assertEquals(
                List.of(
                        "incus config device override taos-agent-mary root --project user-990",
                        "incus config device override taos-agent-naira root --project user-990",
                        "incus config device override taos-agent-stanley root --project user-990"),
                commands(step(plan, Kind.PIN_INSTANCES, 1)));
        assertEquals(
                List.of("incus profile device set default root pool=taos-btrfs --project user-990"),
                commands(step(plan, Kind.SET_PROFILE_ROOT, 1)));
        assertEquals(
                List.of("incus profile device set default root pool=default --project user-990"),
                undo(step(plan, Kind.SET_PROFILE_ROOT, 1)));
        assertEquals(
                List.of(
                        "incus project set user-990 restricted.devices.proxy=allow",
                        "incus project set user-990 restricted.snapshots=allow"),
                commands(step(plan, Kind.ALLOW_APP_DEPLOY, 0)));
        assertEquals(
                List.of(
                        "incus project unset user-990 restricted.snapshots",
                        "incus project unset user-990 restricted.devices.proxy"),
                undo(step(plan, Kind.ALLOW_APP_DEPLOY, 0)));
        assertTrue(
                plan.notes()
                        .contains(
                                "The taOS app: the app's user taos (uid 990, the owner of the app's directory) deploys "
                                        + "through incus-user"
                                        + " (group incus), in project user-990."),
                plan.notes().toString());
    }

    /**
     * incus-user roots a new project on "default": made at one connection as the app's user, after the pool, then
     * pointed at it.
     */
    @Test
    void anAppThatNeverConnectedGetsItsProjectFromIncusUserThenPrepared() {
        Plan plan = plan(AppHostsFacts.neverConnected(true), DEFAULTS);
        assertEquals(
                List.of(
                        Kind.CREATE_POOL,
                        Kind.PIN_INSTANCES,
                        Kind.SET_PROFILE_ROOT,
                        Kind.MAP_APP_USER,
                        Kind.OPEN_APP_PROJECT,
                        Kind.SET_PROFILE_ROOT,
                        Kind.ALLOW_APP_DEPLOY),
                kinds(plan));
        Step open = step(plan, Kind.OPEN_APP_PROJECT, 0);
        assertEquals(
                List.of("runuser -u taos -- env INCUS_CACHE=/dev/null/incus incus --force-local query /1.0"),
                commands(open));
        assertEquals(
                List.of(
                        "incus project delete user-990",
                        "incus network delete incusbr-990",
                        "systemctl try-restart incus-user.service"),
                undo(open));
        assertEquals(
                List.of("incus profile device set default root pool=taos-btrfs --project user-990"),
                commands(step(plan, Kind.SET_PROFILE_ROOT, 1)));
    }

    @Test
    void withoutSystemdAProjectNotMadeYetIsLeftForTheAppsFirstConnection() {
        Plan plan = plan(AppHostsFacts.neverConnected(false), DEFAULTS);
        assertEquals(
                List.of(Kind.CREATE_POOL, Kind.PIN_INSTANCES, Kind.SET_PROFILE_ROOT, Kind.MAP_APP_USER), kinds(plan));
        assertTrue(
                plan.notes().stream()
                        .anyMatch(n ->
                                n.startsWith("The app's project user-990 does not exist yet and systemd is not PID 1")),
                plan.notes().toString());
    }

    @Test
    void aDisabledIncusUserSocketIsEnabledFirst() {
        HostFacts off = AppHostsFacts.withSystemd(
                AppHostsFacts.withIncusUserSocket(AppHostsFacts.pi(), "disabled", "inactive"), true);
        Step enable = step(plan(off, DEFAULTS), Kind.ENABLE_INCUS_USER, 0);
        assertEquals(List.of("systemctl enable --now incus-user.socket"), commands(enable));
        assertEquals(List.of("systemctl disable --now incus-user.socket"), undo(enable));
    }

    /** The app's uid is added to what the project allows, as a user and as a group id; the old list is its undo. */
    @Test
    void theIdmapListsGainTheAppsUidAndKeepWhatTheyHad() {
        HostFacts otherGid = AppHostsFacts.withProjectConfig(
                AppHostsFacts.withUser(
                        AppHostsFacts.pi(), u -> new AppUser(u.name(), u.source(), 990, 1001, u.groups(), u.home())),
                "user-990",
                "restricted.idmap.gid",
                "1001");
        Step allow = step(plan(otherGid, DEFAULTS), Kind.ALLOW_APP_DEPLOY, 0);
        assertEquals(
                List.of(
                        "incus project set user-990 restricted.devices.proxy=allow",
                        "incus project set user-990 restricted.snapshots=allow",
                        "incus project set user-990 restricted.idmap.gid=1001,990"),
                commands(allow));
        assertEquals(
                List.of(
                        "incus project set user-990 restricted.idmap.gid=1001",
                        "incus project unset user-990 restricted.snapshots",
                        "incus project unset user-990 restricted.devices.proxy"),
                undo(allow));
    }

    /**
     * incus-user limits disk devices to the user's home, and the app mounts each agent's trace dir from its data dir:
     * the trace dir is added to the list (the rest of the data dir stays out of reach), the old list is the undo.
     */
    @Test
    void theAppsTraceDirIsAddedToTheDiskPathsItsProjectAllows() {
        HostFacts homeOnly = AppHostsFacts.withProjectConfig(
                AppHostsFacts.withProjectConfig(AppHostsFacts.pi(), "user-990", "restricted.devices.disk", "allow"),
                "user-990",
                "restricted.devices.disk.paths",
                "/home/taos");
        String trace = homeOnly.taosApp().traceDir();
        Step allow = step(plan(homeOnly, DEFAULTS), Kind.ALLOW_APP_DEPLOY, 0);
        assertEquals(
                List.of(
                        "incus project set user-990 restricted.devices.proxy=allow",
                        "incus project set user-990 restricted.snapshots=allow",
                        "incus project set user-990 restricted.devices.disk.paths=/home/taos," + trace),
                commands(allow));
        assertEquals(
                "incus project set user-990 restricted.devices.disk.paths=/home/taos",
                undo(allow).get(0));
        assertTrue(allow.description().contains("disk devices under " + trace), allow.description());
    }

    /**
     * An admin deploys in the default project, which the planner's own steps point at the pool: only the ids remain.
     */
    @Test
    void anAdminsDoorNeedsOnlyRootsSubordinateIds() {
        Plan plan = plan(AppHostsFacts.withGroups(AppHostsFacts.pi(), "taos", "incus-admin"), DEFAULTS);
        assertEquals(
                List.of(Kind.CREATE_POOL, Kind.PIN_INSTANCES, Kind.SET_PROFILE_ROOT, Kind.MAP_APP_USER), kinds(plan));
    }

    @Test
    void aUserInNeitherIncusGroupIsNamedNotChanged() {
        Plan plan = plan(AppHostsFacts.withGroups(AppHostsFacts.pi(), "taos"), DEFAULTS);
        assertEquals(List.of(Kind.CREATE_POOL, Kind.PIN_INSTANCES, Kind.SET_PROFILE_ROOT), kinds(plan));
        assertTrue(
                plan.notes().stream()
                        .anyMatch(n ->
                                n.endsWith("add it to the group incus (usermod -aG incus taos) and run setup again.")),
                plan.notes().toString());
    }

    @Test
    void leftAloneTheDoorIsDescribedNotChanged() {
        Plan plan = plan(AppHostsFacts.pi(), DEFAULTS.withApp(new AppChoice(Optional.empty(), false)));
        assertEquals(List.of(Kind.CREATE_POOL, Kind.PIN_INSTANCES, Kind.SET_PROFILE_ROOT), kinds(plan));
        assertTrue(
                plan.notes().stream()
                        .anyMatch(n -> n.startsWith("The taOS app's door is left as it is (--no-prepare-app)")
                                && n.endsWith(
                                        "not yet: the app's launches land on a copy-on-write pool, the app's project "
                                                + "allows its proxy devices, root's subuid and"
                                                + " subgid cover the app's user, the app's project allows its"
                                                + " snapshots.")),
                plan.notes().toString());
    }

    @Test
    void aNamedUserTheHostDoesNotKnowIsRefusedBeforeAnythingIsPlanned() {
        HostFacts ghost = AppHostsFacts.withUser(
                AppHostsFacts.pi(), u -> new AppUser("ghost", Source.FLAG, -1, -1, List.of(), ""));
        var refused = refusal(ghost, DEFAULTS);
        assertEquals(Reason.INVALID_REQUEST, refused.reason());
        assertEquals("there is no user \"ghost\" on this host", refused.problem());
    }

    /**
     * Once prepared, a second setup has nothing to do for the door (the pool is the profile's, the project follows).
     */
    @Test
    void aProjectAlreadyOnTheCopyOnWritePoolIsLeftAlone() {
        HostFacts facts = AppHostsFacts.withProject(
                AppHostsFacts.withProjectConfig(
                        AppHostsFacts.withProjectConfig(
                                AppHostsFacts.pi(), "user-990", "restricted.devices.proxy", "allow"),
                        "user-990",
                        "restricted.snapshots",
                        "allow"),
                "user-990",
                p -> new Project(p.name(), p.config(), new IncusFacts.DefaultProfile("taos-btrfs", true)));
        Plan plan = plan(facts, DEFAULTS);
        assertEquals(
                List.of(
                        Kind.CREATE_POOL,
                        Kind.PIN_INSTANCES,
                        Kind.SET_PROFILE_ROOT,
                        Kind.MAP_APP_USER,
                        Kind.WARM_APP_IMAGES),
                kinds(plan),
                "the base image the app imported is unpacked on the new pool once");
    }
}

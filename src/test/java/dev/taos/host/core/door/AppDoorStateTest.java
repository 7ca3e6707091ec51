package dev.taos.host.core.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.door.AppDoorState.Kind;
import dev.taos.host.core.door.AppDoorState.Need;
import dev.taos.host.core.facts.AppAccess.AppUser;
import dev.taos.host.core.facts.AppAccess.AppUser.Source;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which door the app comes through and what its next deploy lacks there, on the captured Pi and its variations. */
class AppDoorStateTest {

    private static Map<Kind, Boolean> met(AppDoorState state) {
        return state.needs().stream().collect(Collectors.toMap(Need::kind, Need::met));
    }

    @Test
    void onThePiTheAppDeploysThroughIncusUserIntoItsProjectOnTheDirPool() {
        AppDoorState state = AppDoorState.of(AppHostsFacts.pi());
        AppDoor.ThroughIncusUser door = assertInstanceOf(AppDoor.ThroughIncusUser.class, state.door());
        assertEquals("taos", door.user().name());
        assertEquals(Source.APP_DIRECTORY, door.user().source());
        assertEquals("user-990", door.project());
        assertTrue(state.projectExists());
        assertEquals("default", state.launchPool());
        assertEquals(
                Map.of(
                        Kind.SOCKET,
                        true,
                        Kind.PROJECT,
                        true,
                        Kind.COPY_ON_WRITE,
                        false,
                        Kind.PROXY,
                        false,
                        Kind.IDMAP,
                        true,
                        Kind.SUBIDS,
                        false,
                        Kind.SNAPSHOTS,
                        false,
                        Kind.IMAGES,
                        true,
                        Kind.DATA_DIR,
                        true),
                met(state));
        assertFalse(state.ready());
    }

    /**
     * incus-user would make the project rooted on the pool named default: planned against the project as it will be
     * made.
     */
    @Test
    void aProjectNotMadeYetIsJudgedAsIncusUserWillMakeIt() {
        AppDoorState state = AppDoorState.of(AppHostsFacts.neverConnected(true));
        assertFalse(state.projectExists());
        assertEquals("user-990", state.project().orElseThrow().name());
        assertEquals(
                IncusUserProject.asCreated(AppHostsFacts.pi().appAccess().user())
                        .config(),
                state.project().get().config());
        assertEquals(false, met(state).get(Kind.PROJECT));
        assertEquals(false, met(state).get(Kind.PROXY), "incus-user allows no proxy devices");
        assertEquals(
                true,
                met(state).get(Kind.IDMAP),
                "incus-user allows the user's uid, and here its gid is the same number");
    }

    @Test
    void theGroupsDecideTheDoor() {
        assertInstanceOf(
                AppDoor.Admin.class,
                AppDoorState.of(AppHostsFacts.withGroups(AppHostsFacts.pi(), "taos", "incus-admin"))
                        .door());
        AppDoorState admin = AppDoorState.of(AppHostsFacts.withGroups(AppHostsFacts.pi(), "taos", "incus-admin"));
        assertEquals("default", admin.door().project());
        assertFalse(met(admin).containsKey(Kind.SOCKET), "an admin uses the daemon's own socket");
        AppDoorState closed = AppDoorState.of(AppHostsFacts.withGroups(AppHostsFacts.pi(), "taos"));
        assertInstanceOf(AppDoor.Closed.class, closed.door());
        assertEquals(List.of(), closed.needs());
        assertTrue(
                closed.door().describe().contains("in neither group incus nor incus-admin"),
                closed.door().describe());
    }

    @Test
    void aNamedUserTheHostDoesNotKnowAndNoUserAtAllAreDoorsOfTheirOwn() {
        var ghost = AppHostsFacts.withUser(
                AppHostsFacts.pi(), u -> new AppUser("ghost", Source.FLAG, -1, -1, List.of(), ""));
        assertEquals(new AppDoor.UnknownUser("ghost"), AppDoorState.of(ghost).door());
        assertInstanceOf(
                AppDoor.NoApp.class,
                AppDoorState.of(Fixtures.host("dir-with-agents")).door(),
                "no app user in that capture");
    }

    /**
     * A user whose primary group is another number: the app's raw.idmap "both UID 0" maps the uid as a group id too.
     */
    @Test
    void theIdmapNeedsTheUidAsAGroupIdToo() {
        var otherGid = AppHostsFacts.withProjectConfig(
                AppHostsFacts.withUser(
                        AppHostsFacts.pi(), u -> new AppUser(u.name(), u.source(), 990, 1001, u.groups(), u.home())),
                "user-990",
                "restricted.idmap.gid",
                "1001");
        Need idmap = AppDoorState.of(otherGid).needs().stream()
                .filter(n -> n.kind() == Kind.IDMAP)
                .findFirst()
                .orElseThrow();
        assertFalse(idmap.met());
        assertEquals(
                "raw.idmap \"both 990 0\" needs 990 in restricted.idmap.uid (990) and restricted.idmap.gid (1001)",
                idmap.detail());
    }
}

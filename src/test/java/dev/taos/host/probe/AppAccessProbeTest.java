package dev.taos.host.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.core.facts.AppAccess;
import dev.taos.host.core.facts.AppAccess.AppUser.Source;
import dev.taos.host.core.facts.IdRange;
import dev.taos.host.core.facts.TaosApp;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.exec.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's user, root's subordinate ids and incus-user's socket, read from a host laid out in a directory and a name
 * service of the test's.
 */
class AppAccessProbeTest {

    @TempDir
    Path root;

    /** getent and id as the name service would answer for the users in {@code users} (name: "uid:gid:home:groups"). */
    private static CommandRunner nameService(Map<String, String> users, List<String> ran) {
        return (argv, timeout) -> {
            ran.add(String.join(" ", argv.subList(1, argv.size())));
            String name = argv.get(argv.size() - 1);
            String user = users.get(name);
            if (user == null) {
                return new CommandRunner.Result(2, "", "", false);
            }
            String[] f = user.split(":");
            return argv.get(0).endsWith("getent")
                    ? new CommandRunner.Result(
                            0, name + ":x:" + f[0] + ":" + f[1] + "::" + f[2] + ":/usr/sbin/nologin\n", "", false)
                    : new CommandRunner.Result(0, f[3].replace(',', ' ') + "\n", "", false);
        };
    }

    private AppAccess probe(Map<String, String> users, Optional<String> override, TaosApp app) throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        for (String tool : List.of("getent", "id")) {
            Files.writeString(bin.resolve(tool), "", java.nio.charset.StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(bin.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return new AppAccessProbe(
                        root,
                        new Runner(nameService(users, new ArrayList<>())),
                        new ToolsProbe(bin.toString()),
                        new ArrayList<>())
                .probe(override, app, false);
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void theServicesUserComesFirstThenTheAppsOwnerThenTaos() throws IOException {
        Map<String, String> users = Map.of(
                "taos",
                "990:990:/opt/tinyagentos:taos,incus",
                "agents",
                "991:991:/home/agents:agents,incus-admin",
                "owner",
                "992:992:/opt/tinyagentos:owner");
        TaosApp app = new TaosApp("/opt/tinyagentos", true, "owner", "owner");
        assertEquals(
                Source.APP_DIRECTORY, probe(users, Optional.empty(), app).user().source());
        assertEquals("owner", probe(users, Optional.empty(), app).user().name());
        assertEquals(
                "taos",
                probe(users, Optional.empty(), TaosApp.absent("/opt/tinyagentos"))
                        .user()
                        .name());
        write(
                "/etc/systemd/system/tinyagentos.service",
                "[Unit]\nDescription=taOS\n\n[Service]\nUser=agents\nGroup=agents\nExecStart=/bin/true\n");
        AppAccess.AppUser fromService = probe(users, Optional.empty(), app).user();
        assertEquals(Source.SERVICE, fromService.source());
        assertEquals(List.of("agents", "incus-admin"), fromService.groups());
        assertEquals(991, fromService.uid());
        AppAccess.AppUser named = probe(users, Optional.of("taos"), app).user();
        assertEquals(Source.FLAG, named.source());
        assertEquals("/opt/tinyagentos", named.home());
    }

    @Test
    void aNamedUserTheHostDoesNotKnowHasNoIds() throws IOException {
        AppAccess.AppUser missing = probe(Map.of(), Optional.of("ghost"), TaosApp.absent("/opt/tinyagentos"))
                .user();
        assertFalse(missing.exists());
        assertEquals("ghost", missing.name());
        assertEquals(
                Source.NONE,
                probe(Map.of(), Optional.empty(), TaosApp.absent("/opt/tinyagentos"))
                        .user()
                        .source(),
                "no candidate at all");
    }

    /** systemd runs a service as root when it names no User=. */
    @Test
    void aServiceWithoutUserRunsAsRoot() {
        assertEquals(Optional.of("root"), AppAccessProbe.serviceUser("[Service]\nExecStart=/bin/true\n"));
        assertEquals(Optional.of("taos"), AppAccessProbe.serviceUser("[Unit]\nUser=nobody\n[Service]\nUser=taos\n"));
        assertEquals(Optional.empty(), AppAccessProbe.serviceUser(""));
    }

    @Test
    void rootsSubordinateIdsAndIncusUsersSocketAreRead() throws IOException {
        write("/etc/subuid", "root:1000000:1000000000\nroot:990:1\n");
        write("/etc/subgid", "root:1000000:1000000000\n");
        write("/usr/libexec/incus/incus-user", "");
        Files.setPosixFilePermissions(
                root.resolve("usr/libexec/incus/incus-user"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write("/var/lib/incus/unix.socket.user", "");
        AppAccess access = probe(Map.of(), Optional.empty(), TaosApp.absent("/opt/tinyagentos"));
        assertTrue(access.rootSubIds().coverUid(990));
        assertFalse(access.rootSubIds().coverGid(990));
        assertEquals(
                List.of(new IdRange(1000000, 1000000000)), access.rootSubIds().gids());
        assertTrue(access.incusUser().installed() && access.incusUser().socketPresent());
        assertEquals("", access.incusUser().socketEnabled(), "systemctl is not asked where systemd does not run");
    }
}

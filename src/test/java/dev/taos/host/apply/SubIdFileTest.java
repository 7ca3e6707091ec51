package dev.taos.host.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One line of /etc/subuid added and removed under shadow's locks, everything else left byte for byte. */
class SubIdFileTest {

    @TempDir
    Path etc;

    @Test
    void aLineIsAddedOnceAndItsRemovalGivesTheFileBackByteForByte() throws IOException {
        Path subuid = etc.resolve("subuid");
        String before = "root:100000:65536\ntaos:165536:65536\n";
        Files.writeString(subuid, before);
        Files.setPosixFilePermissions(subuid, PosixFilePermissions.fromString("rw-r-----"));
        SubIdFile.edit(subuid, "root:990:1", true);
        SubIdFile.edit(subuid, "root:990:1", true);
        assertEquals(before + "root:990:1\n", Files.readString(subuid));
        SubIdFile.edit(subuid, "root:990:1", false);
        assertEquals(before, Files.readString(subuid));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(subuid)));
        assertFalse(Files.exists(etc.resolve("subuid.lock")), "the lock file is gone");
        try (var left = Files.list(etc)) {
            assertEquals(
                    java.util.List.of(".pwd.lock", "subuid"),
                    left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** Another program holds the file's lock (a live process's pid in it): nothing is changed, and it says who. */
    @Test
    void aLockHeldByALiveProcessIsWaitedForAndThenRefused() throws IOException {
        Path subuid = etc.resolve("subuid");
        Files.writeString(subuid, "root:100000:65536\n");
        Files.writeString(etc.resolve("subuid.lock"), "1\0");
        IOException refused = assertThrows(IOException.class, () -> SubIdFile.edit(subuid, "root:990:1", true));
        assertTrue(
                refused.getMessage().startsWith(etc.resolve("subuid.lock") + " is held by process 1 (waited 15 s)"),
                refused.getMessage());
        assertEquals("root:100000:65536\n", Files.readString(subuid));
    }

    /** A lock file left by a process that died is stale, as shadow takes it. */
    @Test
    void aStaleLockOfADeadProcessIsTakenOver() throws IOException {
        Path subuid = etc.resolve("subuid");
        Files.writeString(subuid, "root:100000:65536\n");
        Files.writeString(etc.resolve("subuid.lock"), Long.MAX_VALUE / 2 + "\0");
        SubIdFile.edit(subuid, "root:990:1", true);
        assertEquals("root:100000:65536\nroot:990:1\n", Files.readString(subuid));
    }
}

package dev.taos.host.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.core.migrate.Copies;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.MigrationStep;
import dev.taos.host.core.migrate.Observed;
import dev.taos.host.core.migrate.StepState;
import dev.taos.host.core.plan.StopPolicy;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify step on trees laid out as Incus lays out two pools: the live root filesystems, then each snapshot's. */
class CopyCheckTest {

    private static final FileTime WHEN = FileTime.from(Instant.parse("2026-12-01T10:00:00.123456789Z"));

    @TempDir
    Path pools;

    private final InstanceMigration m = InstanceMigration.planned("mary", "legacy", "fast", 1, StopPolicy.defaults())
            .recorded(new Observed.Seen("mary", "Stopped", "legacy", Map.of(), List.of("snap0"), ""));

    /** A root filesystem with a file and a hard link to it, as agents have. */
    private Path tree(String root, boolean hardLink) throws IOException {
        Path rootfs = Files.createDirectories(Path.of(root));
        Files.writeString(rootfs.resolve("identity.txt"), "mary\n");
        Path second = rootfs.resolve("identity-hardlink");
        if (hardLink) {
            Files.createLink(second, rootfs.resolve("identity.txt"));
        } else {
            Files.writeString(second, "mary\n");
        }
        for (Path p : List.of(rootfs.resolve("identity.txt"), second, rootfs)) {
            Files.setLastModifiedTime(p, WHEN);
        }
        return rootfs;
    }

    private void trees(boolean copysSnapshotKeepsTheHardLink) throws IOException {
        String root = pools.toString();
        tree(Copies.rootfs(root, "legacy", "default", "mary"), true);
        tree(Copies.rootfs(root, "fast", "default", "mary-migrating"), true);
        tree(Copies.snapshotVolume(root, "legacy", "default", "mary", "snap0") + "/rootfs", true);
        tree(
                Copies.snapshotVolume(root, "fast", "default", "mary-migrating", "snap0") + "/rootfs",
                copysSnapshotKeepsTheHardLink);
    }

    /** A check whose checks before a stop begin {@code later} than now: files made by the test are settled by then. */
    private CopyCheck check(Duration later) {
        return new CopyCheck(new ManifestScanner(2), pools, QUIET, Clock.offset(Clock.systemUTC(), later));
    }

    private static final Migrator.Events QUIET = new Migrator.Events() {
        @Override
        public void step(InstanceMigration migration, MigrationStep step, StepState state, String detail) {}

        @Override
        public void progress(String instance, String what, long done, long total) {}
    };

    /** A wall clock the test sets. */
    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private String verify(boolean copysSnapshotKeepsTheHardLink) throws Exception {
        trees(copysSnapshotKeepsTheHardLink);
        return check(Duration.ZERO).verify(m, SEEN, Stamps.NONE);
    }

    private static final Observed SEEN = new Observed(Map.of(
            "mary-migrating", new Observed.Seen("mary-migrating", "Stopped", "fast", Map.of(), List.of("snap0"), "")));

    /**
     * Files that held still since the check before the stop are not read again after it; the others are, and all
     * compared.
     */
    @Test
    void afterTheStopOnlyWhatChangedSinceTheCheckBeforeIsReadAgain() throws Exception {
        trees(true);
        CopyCheck check = check(Duration.ofSeconds(5));
        Stamps stamps = check.preCheck(m, 1);
        assertEquals(8, stamps.size(), "each tree's root and its file's inode (two names), on both sides");
        assertTrue(check.verify(m, SEEN, stamps)
                .endsWith("; 8 of both sides' 8 files (40 B) had not changed since the check before the stop and "
                        + "were not read again"));
    }

    /**
     * Where skipping would be unsound without the ctime: a file rewritten after the check, at its old size, its
     * modification time set back. Its ctime moved, so it is read again, and the difference is found.
     */
    @Test
    void aFileRewrittenSinceTheCheckWithItsOldSizeAndTimeIsReadAgain() throws Exception {
        trees(true);
        CopyCheck check = check(Duration.ofSeconds(5));
        Stamps stamps = check.preCheck(m, 1);
        Path identity = Path.of(Copies.rootfs(pools.toString(), "legacy", "default", "mary"), "identity.txt");
        Files.writeString(identity, "MARY\n");
        Files.setLastModifiedTime(identity, WHEN);
        StepFailed refused = assertThrows(StepFailed.class, () -> check.verify(m, SEEN, stamps));
        assertTrue(
                refused.getMessage().startsWith("the copy differs from the original: identity"), refused.getMessage());
    }

    /**
     * A file changed within the clock's step before the check began cannot be told apart from one changed during it:
     * not stamped.
     */
    @Test
    void filesChangedJustBeforeTheCheckAreNotStamped() throws Exception {
        trees(true);
        assertEquals(0, check(Duration.ZERO).preCheck(m, 1).size());
    }

    /**
     * A store through a shared mapping to a page that is still dirty moves no time. The check before the stop writes
     * the original's filesystem back first, so the next store faults and moves the ctime: the later value is read and
     * the difference found, where the stamps would otherwise have held and the last write been lost.
     */
    @Test
    void aStoreThroughASharedMappingAfterTheCheckIsReadAgain() throws Exception {
        trees(true);
        Path identity = Path.of(Copies.rootfs(pools.toString(), "legacy", "default", "mary"), "identity.txt");
        try (FileChannel channel = FileChannel.open(identity, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer page = channel.map(FileChannel.MapMode.READ_WRITE, 0, 5);
            page.put(0, (byte) 'm');
            // The copy was made after that store, so it has the same bytes and time.
            Files.setLastModifiedTime(
                    Path.of(Copies.rootfs(pools.toString(), "fast", "default", "mary-migrating"), "identity.txt"),
                    Files.getLastModifiedTime(identity));
            CopyCheck check = check(Duration.ofSeconds(5));
            Stamps stamps = check.preCheck(m, 1);
            // The agent's next store comes in a later tick of the kernel's coarse clock, as it does after the margin.
            Thread.sleep(20);
            page.put(0, (byte) 'M');
            StepFailed refused = assertThrows(StepFailed.class, () -> check.verify(m, SEEN, stamps));
            assertTrue(
                    refused.getMessage()
                            .startsWith("the copy differs from the original: identity-hardlink: content differs"),
                    refused.getMessage());
        }
    }

    /** A clock set back between the check and the verify could give a later change an old ctime: nothing is reused. */
    @Test
    void stampsTakenBeforeTheClockWasSetBackAreNotUsed() throws Exception {
        trees(true);
        MutableClock wall = new MutableClock(Instant.now().plusSeconds(5));
        CopyCheck check = new CopyCheck(new ManifestScanner(2), pools, QUIET, wall);
        Stamps stamps = check.preCheck(m, 1);
        wall.now = wall.now.minusSeconds(30);
        String figures = check.verify(m, SEEN, stamps);
        assertTrue(figures.contains("; every file was read: the clock was set back by "), figures);
        assertTrue(!figures.contains("were not read again"), figures);
    }

    /** A tree that cannot be walked while it runs (here: gone) makes the check before the stop remember nothing. */
    @Test
    void aCheckBeforeTheStopThatCannotBeMadeRemembersNothingAndSaysWhy() throws Exception {
        Stamps stamps = check(Duration.ofSeconds(5)).preCheck(m, 1);
        assertEquals(0, stamps.size());
        assertTrue(
                stamps.whyNone().orElseThrow().startsWith("the check before the stop could not be made ("),
                stamps.whyNone().toString());
    }

    @Test
    void eachSnapshotIsComparedAsTheLiveTreeIs() throws Exception {
        String figures = verify(true);
        assertTrue(figures.startsWith("4 files, 20 B on each side checked in "), figures);
        assertTrue(figures.endsWith(", with 1 snapshot(s)"), figures);
    }

    /** Incus's copy of a snapshot keeps no hard links: unrepaired, verify refuses it and names the snapshot. */
    @Test
    void aSnapshotThatLostAHardLinkIsRefused() {
        StepFailed refused = assertThrows(StepFailed.class, () -> verify(false));
        assertEquals(
                "the copy's snapshot snap0 differs from the original's: identity.txt: hard-linked to identity-hardlink "
                        + "in the original,"
                        + " not in the copy",
                refused.getMessage());
        assertEquals(MigrationStep.RECORD, m.step(), "nothing else is recorded");
    }
}

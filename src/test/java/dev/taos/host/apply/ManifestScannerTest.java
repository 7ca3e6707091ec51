package dev.taos.host.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.core.migrate.Manifest;
import dev.taos.host.core.migrate.Manifest.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestScannerTest {

    @TempDir
    Path root;

    Manifest scan() {
        return scan(2, (done, total) -> {});
    }

    Manifest scan(int workers, ManifestScanner.Progress progress) {
        List<Entry> entries = new ArrayList<>();
        try (TreeWalk walk = new ManifestScanner(workers).open(root, progress)) {
            walk.forEachRemaining(entries::add);
        }
        return new Manifest(entries);
    }

    Entry entry(Manifest manifest, String path) {
        return manifest.entries().stream()
                .filter(e -> e.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " missing"));
    }

    @Test
    void recordsEveryKindOfEntryWithItsHashModeTargetAndTime() throws IOException {
        Files.createDirectories(root.resolve("srv/empty dir"));
        Files.writeString(root.resolve("srv/notes with spaces.txt"), "abc");
        Files.setPosixFilePermissions(
                root.resolve("srv/notes with spaces.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(
                root.resolve("srv/notes with spaces.txt"),
                FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z")));
        Files.createSymbolicLink(root.resolve("srv/link"), Path.of("notes with spaces.txt"));
        Manifest manifest = scan();
        assertEquals(
                List.of(".", "srv", "srv/empty dir", "srv/link", "srv/notes with spaces.txt"),
                manifest.entries().stream().map(Entry::path).toList());
        Entry file = entry(manifest, "srv/notes with spaces.txt");
        assertEquals("file", file.type());
        assertEquals(0600, file.mode());
        assertEquals(3, file.size());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", file.sha256());
        assertEquals("2001-02-03T04:05:06.123456789Z", file.modified());
        Entry link = entry(manifest, "srv/link");
        assertEquals("link", link.type());
        assertEquals("notes with spaces.txt", link.linkTarget());
        assertNull(link.sha256());
        assertEquals("dir", entry(manifest, "srv/empty dir").type());
    }

    /**
     * The C locale cannot decode café, UTF-8 cannot decode byte 0xff: both are read as bytes, hashed and recorded
     * losslessly.
     */
    @Test
    void namesThatAreNotAsciiOrNotUtf8AreReadAsBytes() throws Exception {
        Path dir = Files.createDirectories(root.resolve("srv"));
        byte[] latin1 = {'b', 'a', 'd', (byte) 0xff};
        run(
                "sh",
                "-c",
                "printf x > \"$1/café\" && printf yy > \"$1/$(printf 'bad\\377')\" && ln -s \"$(printf "
                        + "'caf\\303\\251')\" \"$1/to-cafe\"",
                "sh",
                dir.toString());
        Manifest manifest = scan();
        assertEquals(
                "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881",
                entry(manifest, "srv/caf%C3%A9").sha256());
        assertEquals(
                2,
                entry(manifest, "srv/" + dev.taos.host.core.migrate.FileName.encode(latin1))
                        .size());
        assertEquals("caf%C3%A9", entry(manifest, "srv/to-cafe").linkTarget());
    }

    @Test
    void hardLinkGroupsAndExtendedAttributesAreRecorded() throws IOException {
        Files.writeString(root.resolve("a"), "same inode");
        Files.createLink(root.resolve("b"), root.resolve("a"));
        Files.writeString(root.resolve("c"), "alone");
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(root.resolve("c"), UserDefinedFileAttributeView.class);
        view.write("note", ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
        Manifest manifest = scan();
        assertNull(entry(manifest, "a").hardLinks(), "the first name");
        assertEquals("a", entry(manifest, "b").hardLinks());
        assertNull(entry(manifest, "c").hardLinks());
        assertEquals(Map.of("user.note", "6869"), entry(manifest, "c").xattrs());
        assertEquals(Map.of(), entry(manifest, "a").xattrs());
    }

    @Test
    void manyWorkersGiveTheSameManifestAsOneAndReportAllBytes() throws IOException {
        for (int i = 0; i < 300; i++) {
            Files.write(root.resolve("f" + i), ("content " + i).repeat(i * 50).getBytes(StandardCharsets.UTF_8));
        }
        AtomicLong last = new AtomicLong();
        AtomicLong known = new AtomicLong(-1);
        Manifest parallel = scan(4, (done, total) -> {
            assertTrue(total < 0 || done <= total, done + " of " + total);
            last.accumulateAndGet(done, Math::max);
            known.accumulateAndGet(total, Math::max);
        });
        Manifest serial = scan(1, (done, total) -> {});
        assertEquals(serial, parallel);
        Manifest.Comparison counted = Manifest.compare(
                parallel.entries().iterator(), parallel.entries().iterator(), 1);
        assertEquals(counted.bytes(), last.get());
        assertEquals(counted.bytes(), known.get(), "the total once the walk has found every file");
        assertEquals(300, counted.files());
    }

    /**
     * Depth-first with names sorted, so two trees stream in the same order: a directory, what it holds, its next
     * sibling.
     */
    @Test
    void entriesComeInWalkOrderWhichTheComparisonShares() throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/z"), "1");
        Files.writeString(root.resolve("a-c"), "2");
        Files.writeString(root.resolve("a0"), "3");
        List<String> paths = scan().entries().stream().map(Entry::path).toList();
        assertEquals(List.of(".", "a", "a/b", "a/b/z", "a-c", "a0"), paths);
        for (int i = 1; i < paths.size(); i++) {
            assertTrue(
                    Manifest.walkOrder(paths.get(i - 1), paths.get(i)) < 0,
                    paths.get(i - 1) + " before " + paths.get(i));
        }
    }

    /** A comparison that stops at its first differences closes the walks; nothing waits for the rest of the tree. */
    @Test
    void aWalkClosedEarlyStopsAndAMissingRootIsAnError() throws IOException {
        for (int i = 0; i < 50; i++) {
            Files.writeString(root.resolve("f" + i), "x".repeat(i));
        }
        try (TreeWalk walk = new ManifestScanner(2).open(root, (done, total) -> {})) {
            assertEquals(".", walk.next().path());
        }
        try (TreeWalk gone = new ManifestScanner(2).open(root.resolve("missing"), (done, total) -> {})) {
            UncheckedIOException failed = assertThrows(UncheckedIOException.class, gone::hasNext);
            assertTrue(
                    failed.getCause().getMessage().contains("missing"),
                    failed.getCause().getMessage());
        }
    }

    /**
     * A running agent deletes files between the listing and the read: a walk of a tree in use leaves them out, a walk
     * of a stopped tree (verify) reports them.
     */
    @Test
    void aFileThatVanishesWhileItIsReadIsLeftOutOfAWalkInUseAndAFailureOfAnyOther() throws IOException {
        for (int i = 0; i < 20; i++) {
            Files.writeString(root.resolve("f" + i), "x");
        }
        Stamps.Side vanishing = new Stamps.Side() {
            @Override
            public Optional<StampTable.Known> known(ManifestScanner.Found entry) {
                try {
                    if (entry.entry().path().equals("f7")) {
                        Files.delete(entry.path());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return Optional.empty();
            }

            @Override
            public void read(ManifestScanner.Found entry, Entry contents) {}
        };
        List<String> paths = new ArrayList<>();
        try (TreeWalk walk = new ManifestScanner(2).openInUse(root, (done, total) -> {}, vanishing)) {
            walk.forEachRemaining(e -> paths.add(e.path()));
        }
        assertEquals(20, paths.size(), "the root and 19 files: " + paths);
        assertTrue(!paths.contains("f7"), paths.toString());
        Files.writeString(root.resolve("f7"), "x");
        try (TreeWalk walk = new ManifestScanner(2).open(root, (done, total) -> {}, vanishing)) {
            UncheckedIOException failed =
                    assertThrows(UncheckedIOException.class, () -> walk.forEachRemaining(e -> {}));
            assertTrue(
                    failed.getCause().getMessage().contains("f7"),
                    failed.getCause().getMessage());
            assertTrue(!walk.hasNext(), "a failed walk is over, and says so at once");
        }
    }

    /** Whatever ends the walker (here a progress listener that throws) reaches the reader: it never waits forever. */
    @Test
    void aWalkerThatDiesOfAnyExceptionEndsItsStreamWithIt() throws IOException {
        Files.writeString(root.resolve("a"), "x");
        ManifestScanner.Progress failing = (done, total) -> {
            if (total >= 0) {
                throw new IllegalStateException("listener broke");
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (TreeWalk walk = new ManifestScanner(2).open(root, failing)) {
                UncheckedIOException failed =
                        assertThrows(UncheckedIOException.class, () -> walk.forEachRemaining(e -> {}));
                assertTrue(
                        failed.getCause().getMessage().contains("listener broke"),
                        failed.getCause().getMessage());
            }
        });
    }

    @Test
    void aChangedByteIsADifference() throws IOException {
        Files.writeString(root.resolve("a"), "same size");
        FileTime time = Files.getLastModifiedTime(root.resolve("a"));
        Manifest before = scan();
        Files.writeString(root.resolve("a"), "same sizE");
        Files.setLastModifiedTime(root.resolve("a"), time);
        Files.setLastModifiedTime(root, Files.getLastModifiedTime(root));
        assertEquals(List.of("a: content differs"), before.differences(scan(), 5));
    }

    private static void run(String... argv) throws Exception {
        Process process = new ProcessBuilder(argv).inheritIO().start();
        assertEquals(0, process.waitFor(), String.join(" ", argv));
    }
}

package dev.taos.host.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.core.migrate.Manifest;
import dev.taos.host.core.migrate.Manifest.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestScannerTest {

    @TempDir
    Path root;

    @Test
    void recordsEveryKindOfEntryWithItsHashModeAndTarget() throws IOException {
        Files.createDirectories(root.resolve("srv/empty dir"));
        Files.writeString(root.resolve("srv/notes with spaces.txt"), "abc");
        Files.setPosixFilePermissions(root.resolve("srv/notes with spaces.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(root.resolve("srv/link"), Path.of("notes with spaces.txt"));
        Manifest manifest = new ManifestScanner(2).scan(root, (done, total) -> { });
        assertEquals(java.util.List.of(".", "srv", "srv/empty dir", "srv/link", "srv/notes with spaces.txt"),
                manifest.entries().stream().map(Entry::path).toList());
        Entry file = manifest.entries().get(4);
        assertEquals("file", file.type());
        assertEquals(0600, file.mode());
        assertEquals(3, file.size());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", file.sha256());
        assertEquals(new Entry("srv/link", "link", 0777, file.uid(), file.gid(), 0, "notes with spaces.txt", null), manifest.entries().get(3));
        assertEquals("dir", manifest.entries().get(2).type());
    }

    @Test
    void manyWorkersGiveTheSameManifestAsOneAndReportAllBytes() throws IOException {
        for (int i = 0; i < 300; i++) {
            Files.write(root.resolve("f" + i), ("content " + i).repeat(i * 50).getBytes(StandardCharsets.UTF_8));
        }
        AtomicLong last = new AtomicLong();
        Manifest parallel = new ManifestScanner(4).scan(root, (done, total) -> {
            assertTrue(done <= total);
            last.accumulateAndGet(done, Math::max);
        });
        Manifest serial = new ManifestScanner(1).scan(root, (done, total) -> { });
        assertEquals(serial, parallel);
        assertEquals(parallel.bytes(), last.get());
        assertEquals(300, parallel.files());
    }

    @Test
    void aChangedByteIsADifference() throws IOException {
        Files.writeString(root.resolve("a"), "same size");
        Manifest before = new ManifestScanner().scan(root, (d, t) -> { });
        Files.writeString(root.resolve("a"), "same sizE");
        assertEquals(java.util.List.of("a: content differs"), before.differences(new ManifestScanner().scan(root, (d, t) -> { }), 5));
    }
}

package dev.taos.host.apply;

import dev.taos.host.core.facts.Project;
import dev.taos.host.core.migrate.InstanceMigration;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How far Incus's copy of one instance has come, told on each heartbeat: the bytes of the regular files under the
 * copy's volume and its snapshots on the target pool against the original's size (its disk usage, so the last figure
 * can fall a little short; the finished step says 100%). Names that vanish mid-walk and directories that cannot be read
 * are skipped, since the figure only shows progress.
 */
final class CopyProgress implements Consumer<Duration> {

    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Path volume;
    private final Path snapshots;
    private final InstanceMigration migration;
    private final Migrator.Events events;

    CopyProgress(Path poolsRoot, InstanceMigration migration, Migrator.Events events) {
        Path pool = poolsRoot.resolve(migration.targetPool());
        String copy = Project.volumeName(migration.project(), migration.copyName());
        this.volume = pool.resolve("containers").resolve(copy);
        this.snapshots = pool.resolve("containers-snapshots").resolve(copy);
        this.migration = migration;
        this.events = events;
    }

    @Override
    public void accept(Duration elapsed) {
        long done = bytesUnder(volume) + bytesUnder(snapshots);
        events.progress(
                migration.qualifiedName(), "copy", Math.min(done, migration.sizeBytes()), migration.sizeBytes());
    }

    static long bytesUnder(Path root) {
        AtomicLong bytes = new AtomicLong();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        bytes.addAndGet(attributes.size());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // What was counted stands: this is a progress figure, not a check.
        }
        return bytes.get();
    }
}

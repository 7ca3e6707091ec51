package dev.taos.host.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.MigrationStep;
import dev.taos.host.core.migrate.StepState;
import dev.taos.host.core.plan.StopPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy's progress: the file bytes under its volume and its snapshots on the target pool, never more than the
 * original's size.
 */
class CopyProgressTest {

    @TempDir
    Path pools;

    @Test
    void countsTheCopysVolumeAndSnapshotsUpToTheOriginalsSize() throws Exception {
        List<String> told = new ArrayList<>();
        Migrator.Events events = new Migrator.Events() {
            @Override
            public void step(InstanceMigration migration, MigrationStep step, StepState state, String detail) {}

            @Override
            public void progress(String instance, String what, long done, long total) {
                told.add(instance + " " + what + " " + done + "/" + total);
            }
        };
        CopyProgress progress = new CopyProgress(
                pools, InstanceMigration.planned("mary", "default", "fast", 5000, StopPolicy.defaults()), events);
        progress.accept(Duration.ofSeconds(1));
        Path rootfs = Files.createDirectories(pools.resolve("fast/containers/mary-migrating/rootfs/srv"));
        Files.write(rootfs.resolve("a file"), new byte[1000]);
        Files.createSymbolicLink(rootfs.resolve("link"), rootfs.resolve("a file"));
        Files.write(
                Files.createDirectories(pools.resolve("fast/containers-snapshots/mary-migrating/snap0"))
                        .resolve("b"),
                new byte[2000]);
        Files.write(
                Files.createDirectories(pools.resolve("fast/containers/mary")).resolve("not the copy"), new byte[700]);
        progress.accept(Duration.ofSeconds(2));
        Files.write(rootfs.resolve("c"), new byte[9000]);
        progress.accept(Duration.ofSeconds(3));
        assertEquals(List.of("mary copy 0/5000", "mary copy 3000/5000", "mary copy 5000/5000"), told);
    }
}

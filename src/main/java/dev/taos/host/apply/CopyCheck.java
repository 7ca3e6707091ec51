package dev.taos.host.apply;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.Manifest;
import dev.taos.host.core.migrate.Observed;
import dev.taos.host.core.migrate.Protocol;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads the original's manifest once it is stopped, and checks the copy against it and its snapshot list. */
final class CopyCheck {

    /** A manifest and a line about reading it, e.g. "31204 files, 512.0 MiB hashed in 2.1 s (244 MiB/s)". */
    record Scanned(Manifest manifest, String detail) {
    }

    private final ManifestScanner scanner;
    private final Path poolsRoot;
    private final Migrator.Events events;

    CopyCheck(ManifestScanner scanner, Path poolsRoot, Migrator.Events events) {
        this.scanner = scanner;
        this.poolsRoot = poolsRoot;
        this.events = events;
    }

    Scanned original(InstanceMigration m) throws IOException {
        return scan(m.name(), rootfs(m.sourcePool(), m.name()), "manifest");
    }

    /** The hashing figures when the copy matches; otherwise the first differences. */
    String verify(InstanceMigration m, Observed seen, Manifest original) throws StepFailed, IOException {
        Observed.Seen copy = seen.on(m.copyName(), m.targetPool())
                .orElseThrow(() -> new StepFailed("the copy \"" + m.copyName() + "\" is not on pool \"" + m.targetPool() + "\""));
        if (!copy.snapshots().equals(m.snapshots())) {
            throw new StepFailed("the copy has snapshots " + copy.snapshots() + ", the original " + m.snapshots());
        }
        Scanned copied = scan(m.name(), rootfs(m.targetPool(), m.copyName()), "verify");
        List<String> differences = original.differences(copied.manifest(), 5);
        if (!differences.isEmpty()) {
            throw new StepFailed("the copy differs from the original: " + String.join("; ", differences));
        }
        return copied.detail();
    }

    private Scanned scan(String instance, Path root, String what) throws IOException {
        long began = System.nanoTime();
        Manifest manifest = scanner.scan(root, (done, total) -> events.progress(instance, what, done, total));
        double seconds = (System.nanoTime() - began) / 1e9;
        return new Scanned(manifest, String.format(Locale.ROOT, "%d files, %s hashed in %.1f s (%.0f MiB/s)", manifest.files(),
                ByteSize.human(manifest.bytes()), seconds, manifest.bytes() / 1048576.0 / Math.max(seconds, 1e-3)));
    }

    private Path rootfs(String pool, String instance) {
        return Path.of(Protocol.rootfs(poolsRoot.toString(), pool, instance));
    }
}

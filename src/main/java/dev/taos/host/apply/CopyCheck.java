package dev.taos.host.apply;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.Manifest;
import dev.taos.host.core.migrate.Observed;
import dev.taos.host.core.migrate.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Checks the copy against the stopped original: both root filesystems are walked at once, one beside the other, and
 * compared entry by entry as they are read, so the downtime holds one pass over the files rather than two and neither
 * tree is held in memory; the snapshot lists are compared first.
 */
final class CopyCheck {

    private final ManifestScanner scanner;
    private final Path poolsRoot;
    private final Migrator.Events events;

    CopyCheck(ManifestScanner scanner, Path poolsRoot, Migrator.Events events) {
        this.scanner = scanner;
        this.poolsRoot = poolsRoot;
        this.events = events;
    }

    /** The hashing figures when the copy matches, e.g. "35330 files, 481.7 MiB on each side hashed in 2.9 s"; otherwise the first differences. */
    String verify(InstanceMigration m, Observed seen) throws StepFailed, IOException {
        Observed.Seen copy = seen.on(m.copyName(), m.targetPool())
                .orElseThrow(() -> new StepFailed("the copy \"" + m.copyName() + "\" is not on pool \"" + m.targetPool() + "\""));
        if (!new TreeSet<>(copy.snapshots()).equals(new TreeSet<>(m.snapshots()))) {
            throw new StepFailed("the copy has snapshots " + copy.snapshots() + ", the original " + m.snapshots());
        }
        long began = System.nanoTime();
        Both progress = new Both(m.qualifiedName());
        Manifest.Comparison compared;
        try (TreeWalk original = scanner.open(rootfs(m.sourcePool(), m.project(), m.name()), progress.original);
                TreeWalk copied = scanner.open(rootfs(m.targetPool(), m.project(), m.copyName()), progress.copy)) {
            compared = Manifest.compare(original, copied, 5);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!compared.differences().isEmpty()) {
            throw new StepFailed("the copy differs from the original: " + String.join("; ", compared.differences()));
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        return String.format(Locale.ROOT, "%d files, %s on each side hashed in %.1f s (%.0f MiB/s)", compared.files(),
                ByteSize.human(compared.bytes()), seconds, 2 * compared.bytes() / 1048576.0 / Math.max(seconds, 1e-3));
    }

    /** One "verify" progress for the two walks: bytes hashed on both sides, against both totals once both walks have ended (else -1). */
    private final class Both {
        private final String instance;
        private final long[] done = {-1, -1};
        private final long[] total = {-1, -1};
        final ManifestScanner.Progress original = (d, t) -> hashed(0, d, t);
        final ManifestScanner.Progress copy = (d, t) -> hashed(1, d, t);

        Both(String instance) {
            this.instance = instance;
        }

        private synchronized void hashed(int side, long d, long t) {
            done[side] = Math.max(done[side], d);
            total[side] = Math.max(total[side], t);
            if (done[0] >= 0 && done[1] >= 0) {
                events.progress(instance, "verify", done[0] + done[1], total[0] < 0 || total[1] < 0 ? -1 : total[0] + total[1]);
            }
        }
    }

    private Path rootfs(String pool, String project, String instance) {
        return Path.of(Protocol.rootfs(poolsRoot.toString(), pool, project, instance));
    }
}

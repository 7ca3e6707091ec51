package dev.taos.host.apply;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.migrate.Copies;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.Manifest;
import dev.taos.host.core.migrate.Observed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks the copy against the stopped original: both root filesystems are walked at once, one beside the other, and
 * compared entry by entry as they are read, so the downtime holds one pass over the files rather than two and neither
 * tree is held in memory; the snapshot lists are compared first.
 */
final class CopyCheck {

    private final ManifestScanner scanner;
    private final Path poolsRoot;
    private final Migrator.Events events;
    private final Clock clock;

    CopyCheck(ManifestScanner scanner, Path poolsRoot, Migrator.Events events) {
        this(scanner, poolsRoot, events, Clock.systemUTC());
    }

    /** {@code clock}: when a check before the stop begins, which decides the files settled enough to be stamped. */
    CopyCheck(ManifestScanner scanner, Path poolsRoot, Migrator.Events events, Clock clock) {
        this.scanner = scanner;
        this.poolsRoot = poolsRoot;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The hashing figures when the copy matches, e.g. "35330 files, 481.7 MiB on each side hashed in 2.9 s"; otherwise
     * the first differences. The live trees are compared, then each snapshot's (immutable on both sides by then).
     */
    String verify(InstanceMigration m, Observed seen, Stamps taken) throws StepFailed, IOException {
        Observed.Seen copy = seen.on(m.copyName(), m.targetPool())
                .orElseThrow(() ->
                        new StepFailed("the copy \"" + m.copyName() + "\" is not on pool \"" + m.targetPool() + "\""));
        if (!new TreeSet<>(copy.snapshots()).equals(new TreeSet<>(m.snapshots()))) {
            throw new StepFailed("the copy has snapshots " + copy.snapshots() + ", the original " + m.snapshots());
        }
        Stamps stamps = taken.now();
        Stamps.Reusing originalSide = stamps.original();
        Stamps.Reusing copySide = stamps.copy();
        long began = System.nanoTime();
        long files = 0;
        long bytes = 0;
        List<String> trees = trees(m);
        for (String snapshot : trees) {
            Manifest.Comparison compared =
                    compare(m, snapshot, new Both(m.qualifiedName(), "verify"), originalSide, copySide);
            if (!compared.differences().isEmpty()) {
                throw new StepFailed((snapshot.isEmpty()
                                ? "the copy differs from the original: "
                                : "the copy's snapshot " + snapshot + " differs from the original's: ")
                        + String.join("; ", compared.differences()));
            }
            files += compared.files();
            bytes += compared.bytes();
        }
        long reusedFiles = originalSide.files() + copySide.files();
        long reusedBytes = originalSide.bytes() + copySide.bytes();
        double seconds = (System.nanoTime() - began) / 1e9;
        // The rate is of what was read: both sides' bytes but those taken as known from the check before the stop.
        long read = 2 * bytes - reusedBytes;
        return String.format(
                Locale.ROOT,
                "%d files, %s on each side checked in %.1f s%s%s%s%s",
                files,
                ByteSize.human(bytes),
                seconds,
                read > 0 || reusedFiles == 0
                        ? String.format(Locale.ROOT, " (%.0f MiB/s)", read / 1048576.0 / Math.max(seconds, 1e-3))
                        : "",
                trees.size() > 1 ? ", with " + (trees.size() - 1) + " snapshot(s)" : "",
                reusedFiles > 0
                        ? String.format(
                                Locale.ROOT,
                                "; %d of both sides' %d files (%s) had not changed since the check"
                                        + " before the stop and were not read again",
                                reusedFiles,
                                2 * files,
                                ByteSize.human(reusedBytes))
                        : "",
                stamps.whyNone().map(why -> "; every file was read: " + why).orElse(""));
    }

    /**
     * The check while the instance still runs, after its pre-copy: both sides of every tree are read and hashed as
     * after the stop, and what was read of each entry that held still is remembered with its stamps, so the check after
     * the stop reads only what changed since. It is an optimisation and never a reason to fail: entries that appear,
     * vanish or change while it runs are simply not remembered, and a check that cannot be done remembers nothing and
     * says why. The original's filesystem is written back first (see {@link Writeback}).
     */
    Stamps preCheck(InstanceMigration m, int lanes) {
        Path live = path(m, "", true);
        try {
            Optional<String> untrusted =
                    Stamps.untrusted(Files.getFileStore(live).type());
            if (untrusted.isPresent()) {
                return Stamps.none(untrusted.get());
            }
            ClockWatch watch = new ClockWatch(clock, System::nanoTime);
            Writeback.filesystemOf(live);
            AtomicLong budget =
                    new AtomicLong(Stamps.budget(Runtime.getRuntime().maxMemory(), lanes));
            Stamps.Recorder original = new Stamps.Recorder(watch.started(), new StampTable(budget));
            Stamps.Recorder copy = new Stamps.Recorder(watch.started(), new StampTable(budget));
            for (String tree : trees(m)) {
                Both progress = new Both(m.qualifiedName(), "pre-check");
                try (TreeWalk left = scanner.openInUse(path(m, tree, true), progress.original, original);
                        TreeWalk right = scanner.openInUse(path(m, tree, false), progress.copy, copy)) {
                    while (left.hasNext() | right.hasNext()) {
                        if (left.hasNext()) {
                            left.next();
                        }
                        if (right.hasNext()) {
                            right.next();
                        }
                    }
                }
            }
            return new Stamps(original.table(), copy.table(), watch, "");
        } catch (IOException | RuntimeException e) {
            String cause = e instanceof UncheckedIOException io ? io.getCause().getMessage() : e.getMessage();
            return Stamps.none("the check before the stop could not be made (" + (cause == null ? e : cause) + ")");
        }
    }

    /** The trees a check walks: the live one ("") first, then each snapshot's by name. */
    private static List<String> trees(InstanceMigration m) {
        List<String> trees = new ArrayList<>(List.of(""));
        new TreeSet<>(m.snapshots()).forEach(trees::add);
        return trees;
    }

    /** The live trees ({@code snapshot} empty) or one snapshot's, walked side by side and compared as they are read. */
    private Manifest.Comparison compare(
            InstanceMigration m, String snapshot, Both progress, Stamps.Side originalStamps, Stamps.Side copyStamps)
            throws IOException {
        try (TreeWalk left = scanner.open(path(m, snapshot, true), progress.original, originalStamps);
                TreeWalk right = scanner.open(path(m, snapshot, false), progress.copy, copyStamps)) {
            return Manifest.compare(left, right, 5);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * One "verify" progress for the two walks: bytes hashed on both sides, against both totals once both walks have
     * ended (else -1).
     */
    private final class Both {
        private final String instance;
        private final String what;
        private final long[] done = {-1, -1};
        private final long[] total = {-1, -1};
        final ManifestScanner.Progress original = (d, t) -> hashed(0, d, t);
        final ManifestScanner.Progress copy = (d, t) -> hashed(1, d, t);

        Both(String instance, String what) {
            this.instance = instance;
            this.what = what;
        }

        private synchronized void hashed(int side, long d, long t) {
            done[side] = Math.max(done[side], d);
            total[side] = Math.max(total[side], t);
            if (done[0] >= 0 && done[1] >= 0) {
                events.progress(
                        instance, what, done[0] + done[1], total[0] < 0 || total[1] < 0 ? -1 : total[0] + total[1]);
            }
        }
    }

    /** The root filesystem of the original's or the copy's tree: the live one ({@code tree} empty) or a snapshot's. */
    private Path path(InstanceMigration m, String tree, boolean original) {
        String pool = original ? m.sourcePool() : m.targetPool();
        String instance = original ? m.name() : m.copyName();
        return tree.isEmpty()
                ? Path.of(Copies.rootfs(poolsRoot.toString(), pool, m.project(), instance))
                : Path.of(Copies.snapshotVolume(poolsRoot.toString(), pool, m.project(), instance, tree), "rootfs");
    }
}

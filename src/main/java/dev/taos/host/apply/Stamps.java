package dev.taos.host.apply;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the check made while a running agent was still up proved of its files, so the check after its stop reads again
 * only the files that may have changed since (docs/ARCHITECTURE.md, "Migration protocol"). A file's stamp is its
 * device, inode, size and ctime: Linux sets a file's ctime at every change of its data or metadata, and no program can
 * set it back. A stamp counts only when it was the same before and after the file was read, and when its ctime is older
 * than the check's start by {@link #MARGIN} (more than the coarse clock's step), so a change in the same tick as a read
 * cannot hide behind an unchanged ctime. A file counts only when both sides' stamps hold and both hashed alike then.
 */
final class Stamps {

    static final Duration MARGIN = Duration.ofSeconds(1);
    /**
     * Files remembered per migration, at most (about 200 bytes each); beyond that, the rest are read again after the
     * stop.
     */
    static final int LIMIT = 500_000;

    static final Stamps NONE = new Stamps(Map.of());

    record Stamp(long dev, long ino, Instant ctime, long size) {}

    /**
     * Waits out the margin after a copy, whose files were all just written, so each can be stamped (the agent still
     * runs).
     */
    static void settle() throws StepFailed {
        try {
            Thread.sleep(MARGIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("interrupted while the copy settled");
        }
    }

    /** One side of one tree: what a walk may take as known, and what it tells of each file it hashed. */
    interface Side {
        Optional<String> known(ManifestScanner.Found file);

        void hashed(ManifestScanner.Found file, String sha256);

        Side NONE = new Side() {
            @Override
            public Optional<String> known(ManifestScanner.Found file) {
                return Optional.empty();
            }

            @Override
            public void hashed(ManifestScanner.Found file, String sha256) {}
        };
    }

    /** What one side's walk before the stop saw of each file it hashed that held still: its stamp and its hash. */
    static final class Recorder implements Side {
        private final Instant settledBefore;
        private final Map<String, Map.Entry<Stamp, String>> files = new ConcurrentHashMap<>();

        /** {@code started}: when the check began. */
        Recorder(Instant started) {
            this.settledBefore = started.minus(MARGIN);
        }

        @Override
        public Optional<String> known(ManifestScanner.Found file) {
            return Optional.empty();
        }

        @Override
        public void hashed(ManifestScanner.Found file, String sha256) {
            Stamp before = file.stamp();
            if (files.size() >= LIMIT || !before.ctime().isBefore(settledBefore)) {
                return;
            }
            try {
                if (before.equals(ManifestScanner.stamp(file.path()))) {
                    files.put(file.entry().path(), Map.entry(before, sha256));
                }
            } catch (IOException gone) {
                // Changed or gone while it was read: it is read again after the stop.
            }
        }
    }

    private record Known(Stamp original, Stamp copy, String sha256) {}

    private final Map<String, Known> known;

    private Stamps(Map<String, Known> known) {
        this.known = known;
    }

    /** Gathers, tree by tree, the files both sides hashed alike with their stamps holding. */
    static final class Builder {
        private final Map<String, Known> known = new ConcurrentHashMap<>();

        void add(String tree, Recorder original, Recorder copy) {
            original.files.forEach((path, seen) -> {
                Map.Entry<Stamp, String> there = copy.files.get(path);
                if (there != null && there.getValue().equals(seen.getValue()) && known.size() < LIMIT) {
                    known.put(key(tree, path), new Known(seen.getKey(), there.getKey(), seen.getValue()));
                }
            });
        }

        Stamps build() {
            return new Stamps(Map.copyOf(known));
        }
    }

    int size() {
        return known.size();
    }

    /** The original's side of {@code tree} ("" for the live one): a file whose stamp still holds is not read again. */
    Reusing original(String tree) {
        return new Reusing(tree, true);
    }

    Reusing copy(String tree) {
        return new Reusing(tree, false);
    }

    /**
     * One side of one tree after the stop, counting the files (and their bytes) it took as known instead of reading
     * them.
     */
    final class Reusing implements Side {
        private final String tree;
        private final boolean original;
        private final AtomicLong files = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        private Reusing(String tree, boolean original) {
            this.tree = tree;
            this.original = original;
        }

        @Override
        public Optional<String> known(ManifestScanner.Found file) {
            Known k = known.get(key(tree, file.entry().path()));
            if (k == null || !(original ? k.original() : k.copy()).equals(file.stamp())) {
                return Optional.empty();
            }
            files.incrementAndGet();
            bytes.addAndGet(file.entry().size());
            return Optional.of(k.sha256());
        }

        @Override
        public void hashed(ManifestScanner.Found file, String sha256) {}

        long files() {
            return files.get();
        }

        long bytes() {
            return bytes.get();
        }
    }

    private static String key(String tree, String path) {
        return tree + "\0" + path;
    }
}

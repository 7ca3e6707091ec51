package dev.taos.host.apply;

import dev.taos.host.core.migrate.Manifest.Entry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the check made while a running agent was still up proved of its entries and of the copy's, so the check after
 * its stop reads again only what may have changed since (docs/ARCHITECTURE.md, "Migration protocol"). An entry's stamp
 * is its device, inode, size and ctime: Linux sets a file's ctime at every change of its data or metadata, and no
 * program can set it back. Each side remembers, per inode, what it read (a regular file's hash, any entry's extended
 * attributes) when the stamp was the same before and after the read and older than the check's start by
 * {@link #MARGIN}; after the stop, an entry whose stamp still holds is taken as read. Three things make that sound for
 * a store through a shared mapping too, and for a clock set back: the original's filesystem is written back before the
 * check (a later store then faults and moves the ctime), only filesystems known to move it so are trusted, and the
 * stamps are dropped when the wall clock was set back between the check and their use.
 */
final class Stamps {

    /**
     * More than a coarse clock's step and a one-second timestamp's rounding together: a change in the same tick as the
     * check's start could otherwise leave a ctime that looks older.
     */
    static final Duration MARGIN = Duration.ofSeconds(2);

    /**
     * Filesystems whose write fault on a written-back page moves the file's times (their page_mkwrite calls
     * file_update_time); overlay maps its upper filesystem's file. Elsewhere (tmpfs, zfs, network filesystems) a store
     * through a mapping may change bytes and no stamp, so nothing is taken as known.
     */
    private static final Set<String> TRUSTED = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "f2fs", "overlay");

    static final Stamps NONE = new Stamps(null, null, null, "");

    record Stamp(long dev, long ino, Instant ctime, long size) {
        long ctimeNanos() {
            return ctime.getEpochSecond() * 1_000_000_000L + ctime.getNano();
        }
    }

    /** What a walk may take as read of an entry: the hash of a regular file's bytes, and its extended attributes. */
    interface Side {
        Optional<StampTable.Known> known(ManifestScanner.Found entry);

        /** Told of each entry the walk read itself (not taken as known). */
        void read(ManifestScanner.Found entry, Entry contents);

        Side NONE = new Side() {
            @Override
            public Optional<StampTable.Known> known(ManifestScanner.Found entry) {
                return Optional.empty();
            }

            @Override
            public void read(ManifestScanner.Found entry, Entry contents) {}
        };
    }

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

    /** Why a tree on a filesystem of this type cannot be stamped, if it cannot. */
    static Optional<String> untrusted(String filesystemType) {
        return TRUSTED.contains(filesystemType)
                ? Optional.empty()
                : Optional.of("its filesystem (" + filesystemType
                        + ") is not known to move a file's ctime at a store through a shared mapping");
    }

    /**
     * How many entries both sides of one migration may remember: {@code lanes} of them in a quarter of the heap (two
     * running agents of a million files each, in two lanes, peaked at 392 MiB resident with half of a 512 MiB heap).
     */
    static long budget(long maxHeapBytes, int lanes) {
        return maxHeapBytes / 4 / Math.max(1, lanes) / StampTable.BYTES_PER_ENTRY;
    }

    /** Nothing known, and why (said to the operator in the check after the stop; empty when there is no reason). */
    static Stamps none(String why) {
        return new Stamps(null, null, null, why);
    }

    /** One side's walk before the stop: what it read of each entry that held still. */
    static final class Recorder implements Side {
        private final Instant settledBefore;
        private final StampTable table;

        /** {@code started}: when the check began (before the write-back). */
        Recorder(Instant started, StampTable table) {
            this.settledBefore = started.minus(MARGIN);
            this.table = table;
        }

        @Override
        public Optional<StampTable.Known> known(ManifestScanner.Found entry) {
            return Optional.empty();
        }

        @Override
        public void read(ManifestScanner.Found entry, Entry contents) {
            Stamp before = entry.stamp();
            if (!before.ctime().isBefore(settledBefore)) {
                return;
            }
            try {
                if (before.equals(ManifestScanner.stamp(entry.path()))) {
                    table.put(
                            before.dev(),
                            before.ino(),
                            before.ctimeNanos(),
                            before.size(),
                            contents.sha256(),
                            contents.xattrs());
                }
            } catch (IOException gone) {
                // Changed or gone while it was read: it is read again after the stop.
            }
        }

        StampTable table() {
            return table;
        }
    }

    private final StampTable original;
    private final StampTable copy;
    private final ClockWatch clock;
    private final String why;

    Stamps(StampTable original, StampTable copy, ClockWatch clock, String why) {
        this.original = original;
        this.copy = copy;
        this.clock = clock;
        this.why = why;
    }

    /** Entries remembered on both sides together. */
    int size() {
        return original == null ? 0 : original.size() + copy.size();
    }

    /**
     * These stamps as they may be used now: none if the wall clock was set back since they were taken, since a change
     * made after that could carry an old ctime.
     */
    Stamps now() {
        if (clock == null) {
            return this;
        }
        Duration back = clock.setBack();
        return back.isZero()
                ? this
                : none("the clock was set back by " + back.toMillis()
                        + " ms since the check before the stop, so its stamps prove nothing");
    }

    /** Why nothing is known, when nothing is and there is a reason to say. */
    Optional<String> whyNone() {
        return original == null && !why.isEmpty() ? Optional.of(why) : Optional.empty();
    }

    /** The original's side after the stop: an entry whose stamp still holds is not read again. */
    Reusing original() {
        return new Reusing(original);
    }

    Reusing copy() {
        return new Reusing(copy);
    }

    /** One side after the stop, counting the files (and their bytes) it took as read instead of reading them. */
    static final class Reusing implements Side {
        private final StampTable table;
        private final AtomicLong files = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        private Reusing(StampTable table) {
            this.table = table;
        }

        @Override
        public Optional<StampTable.Known> known(ManifestScanner.Found entry) {
            if (table == null) {
                return Optional.empty();
            }
            Stamp now = entry.stamp();
            Optional<StampTable.Known> known = table.get(now.dev(), now.ino(), now.ctimeNanos(), now.size());
            if (known.isPresent() && entry.entry().type().equals("file")) {
                files.incrementAndGet();
                bytes.addAndGet(entry.entry().size());
            }
            return known;
        }

        @Override
        public void read(ManifestScanner.Found entry, Entry contents) {}

        long files() {
            return files.get();
        }

        long bytes() {
            return bytes.get();
        }
    }
}

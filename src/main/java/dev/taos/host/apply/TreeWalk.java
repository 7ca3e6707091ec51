package dev.taos.host.apply;

import dev.taos.host.core.Hashing;
import dev.taos.host.core.migrate.FileName;
import dev.taos.host.core.migrate.Manifest.Entry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tree's entries in walk order (depth-first, each directory's names sorted), read by workers ahead of the reader.
 * Memory: the entries in the window, the directories on the walk's current path with their names, and one first name
 * per hard-linked inode (to point later names at it); nothing in proportion to the tree's file count otherwise. Any
 * failure of the walk ends its stream and is thrown to the reader, so a reader never waits for a walk that died. A walk
 * of a tree in use ({@code tolerant}) leaves out each entry that vanishes or cannot be read while it runs.
 */
final class TreeWalk implements Iterator<Entry>, AutoCloseable {

    private static final Future<Entry> END = CompletableFuture.completedFuture(null);
    /** What a worker hands on for an entry a tolerant walk leaves out. */
    private static final Entry LEFT_OUT = new Entry("", "", 0, 0, 0, 0, null, null, null, 0, null, null);

    private final BlockingQueue<Future<Entry>> ahead;
    private final ExecutorService workers;
    private final Thread walker;
    private final ManifestScanner.Progress progress;
    private final Stamps.Side side;
    private final int prefix;
    private final String root;
    private final boolean tolerant;
    private final Map<String, String> firstNames = new HashMap<>();
    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(ManifestScanner::buffer);
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Hashing::sha256);
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private volatile boolean walked;
    private Entry next;
    private boolean ended;

    TreeWalk(
            Path root,
            int workerCount,
            int window,
            ManifestScanner.Progress progress,
            Stamps.Side side,
            boolean tolerant) {
        this.ahead = new ArrayBlockingQueue<>(window);
        this.progress = progress;
        this.side = side;
        this.tolerant = tolerant;
        this.root = FileName.encode(RawPaths.bytes(root));
        this.prefix = RawPaths.bytes(root).length + 1;
        this.workers = Executors.newFixedThreadPool(workerCount, r -> daemon(r, "manifest-hash"));
        this.walker = daemon(() -> walk(root), "manifest-walk");
        walker.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    private void walk(Path root) {
        try {
            visit(List.of(ManifestScanner.lstat(root, prefix)));
            walked = true;
            progress.hashed(done.get(), total.get());
            ahead.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // Whatever ended the walk (an I/O error, a listing's DirectoryIteratorException, a rejected task, an
            // Error) is the reader's to report.
            try {
                ahead.put(CompletableFuture.failedFuture(e));
            } catch (InterruptedException closed) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Hands each entry of a directory to the workers, in name order, each directory followed by what it holds. */
    private void visit(List<ManifestScanner.Found> entries) throws IOException, InterruptedException {
        for (ManifestScanner.Found found : entries) {
            ManifestScanner.Found f = withFirstName(found);
            total.addAndGet(f.entry().size());
            ahead.put(workers.submit(() -> read(f)));
            if (f.entry().type().equals("dir")) {
                visit(children(f.path()));
            }
        }
    }

    /** A directory's entries sorted by name; in a tolerant walk, without those gone meanwhile (or all, if it is). */
    private List<ManifestScanner.Found> children(Path dir) throws IOException {
        List<ManifestScanner.Found> children = new ArrayList<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(dir)) {
            for (Path child : names) {
                try {
                    children.add(ManifestScanner.lstat(child, prefix));
                } catch (IOException gone) {
                    if (!tolerant) {
                        throw gone;
                    }
                }
            }
        } catch (IOException unreadable) {
            if (!tolerant) {
                throw unreadable;
            }
        } catch (DirectoryIteratorException listing) {
            if (!tolerant) {
                throw listing.getCause();
            }
        }
        children.sort(Comparator.comparing(c -> c.entry().path()));
        return children;
    }

    /** A second or later name of an inode points at its first; the first names are all the walk keeps of the tree. */
    private ManifestScanner.Found withFirstName(ManifestScanner.Found f) {
        if (f.links() < 2 || f.entry().type().equals("dir")) {
            return f;
        }
        String first = firstNames.putIfAbsent(f.dev() + ":" + f.ino(), f.entry().path());
        return first == null
                ? f
                : new ManifestScanner.Found(
                        f.path(), f.entry().withHardLinks(first), f.dev(), f.ino(), f.links(), f.ctime());
    }

    private Entry read(ManifestScanner.Found f) {
        boolean file = f.entry().type().equals("file");
        Optional<StampTable.Known> known = side.known(f);
        Entry entry;
        try {
            entry = ManifestScanner.contents(f, buffers.get(), digests.get(), known);
        } catch (RuntimeException unreadable) {
            if (tolerant) {
                return LEFT_OUT;
            }
            throw unreadable;
        }
        if (known.isEmpty()) {
            side.read(f, entry);
        }
        if (file) {
            long now = done.addAndGet(entry.size());
            progress.hashed(now, walked ? total.get() : -1);
        }
        return entry;
    }

    @Override
    public boolean hasNext() {
        while (next == null && !ended) {
            try {
                Future<Entry> head = ahead.take();
                ended = head == END;
                next = ended ? null : head.get();
                if (next == LEFT_OUT) {
                    next = null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new InterruptedIOException("interrupted while reading the files"));
            } catch (ExecutionException e) {
                // The walk is over: a later call must not wait for entries that will never come.
                ended = true;
                Throwable cause = e.getCause();
                throw cause instanceof UncheckedIOException io
                        ? io
                        : new UncheckedIOException(
                                cause instanceof IOException io
                                        ? io
                                        : new IOException(
                                                "the walk of " + FileName.display(root) + " failed: " + cause, cause));
            }
        }
        return next != null;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Entry entry = next;
        next = null;
        return entry;
    }

    /** Stops the walk and the workers, whether or not every entry was read. */
    @Override
    public void close() {
        walker.interrupt();
        workers.shutdownNow();
    }
}

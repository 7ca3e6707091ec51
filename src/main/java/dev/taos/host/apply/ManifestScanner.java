package dev.taos.host.apply;

import dev.taos.host.core.Hashing;
import dev.taos.host.core.migrate.FileName;
import dev.taos.host.core.migrate.Manifest.Entry;
import dev.taos.host.core.migrate.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a {@link Manifest} of a directory tree from the host side (an instance's rootfs under its pool's mount path),
 * so no container starts. The walk is one pass of lstat, keeping names as the kernel's bytes; while it goes on, one worker
 * per core reads each entry's extended attributes and hashes regular files, streaming through a fixed buffer per worker,
 * so memory stays bounded by the manifest itself.
 */
public final class ManifestScanner {

    /** Called now and then with the bytes hashed so far and the total. */
    public interface Progress {
        void hashed(long done, long total);
    }

    private static final int BUFFER = 256 * 1024;
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,dev,ino,nlink,rdev,lastModifiedTime";
    private final int workers;

    public ManifestScanner() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    ManifestScanner(int workers) {
        this.workers = workers;
    }

    /** One entry as the walk found it: the path to open, and its lstat fields. */
    private record Found(Path path, Entry entry, long dev, long ino, int links) {
    }

    public Manifest scan(Path root, Progress progress) throws IOException {
        int prefix = RawPaths.bytes(root).length + 1;
        Hashed hashed = new Hashed(progress);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "manifest-hash");
            thread.setDaemon(true);
            return thread;
        });
        ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER));
        ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Hashing::sha256);
        List<Found> found = new ArrayList<>();
        List<Future<Entry>> reading = new ArrayList<>();
        try {
            // The workers read contents while the walk goes on, so the walk costs no time of its own.
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    return add(lstat(dir, prefix));
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    return add(lstat(file, prefix));
                }

                private FileVisitResult add(Found f) {
                    found.add(f);
                    hashed.found(f.entry().size());
                    reading.add(pool.submit(() -> hashed.read(f, contents(f, buffers.get(), digests.get()))));
                    return FileVisitResult.CONTINUE;
                }
            });
            hashed.walked();
            List<Entry> entries = new ArrayList<>(reading.size());
            for (Future<Entry> entry : reading) {
                entries.add(entry.get());
            }
            entries.sort(Comparator.comparing(Entry::path));
            return new Manifest(withHardLinks(found, entries));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the files", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Bytes hashed against the bytes found; reported once the walk has found them all, so the total never moves. */
    private static final class Hashed {
        private final Progress progress;
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong total = new AtomicLong();
        private volatile boolean walked;

        Hashed(Progress progress) {
            this.progress = progress;
        }

        void found(long bytes) {
            total.addAndGet(bytes);
        }

        Entry read(Found f, Entry entry) {
            long now = done.addAndGet(f.entry().size());
            if (walked && f.entry().type().equals("file")) {
                progress.hashed(now, total.get());
            }
            return entry;
        }

        void walked() {
            walked = true;
            progress.hashed(done.get(), total.get());
        }
    }

    private static Found lstat(Path path, int prefix) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        byte[] raw = RawPaths.bytes(path);
        String name = raw.length < prefix ? "." : FileName.encode(raw, prefix, raw.length);
        int mode = (Integer) unix.get("mode");
        String type = type(mode);
        String target = type.equals("link") ? FileName.encode(RawPaths.bytes(Files.readSymbolicLink(path))) : null;
        long size = type.equals("file") ? (Long) unix.get("size") : 0;
        long device = type.endsWith("-device") ? (Long) unix.get("rdev") : 0;
        Entry entry = new Entry(name, type, mode & 07777, (Integer) unix.get("uid"), (Integer) unix.get("gid"), size, target, null,
                ((FileTime) unix.get("lastModifiedTime")).toInstant().toString(), device, null, Map.of());
        return new Found(path, entry, (Long) unix.get("dev"), (Long) unix.get("ino"), (Integer) unix.get("nlink"));
    }

    /** The file type from st_mode's format bits. */
    private static String type(int mode) {
        return switch (mode & 0170000) {
            case 0100000 -> "file";
            case 0040000 -> "dir";
            case 0120000 -> "link";
            case 0010000 -> "fifo";
            case 0140000 -> "socket";
            case 0020000 -> "char-device";
            case 0060000 -> "block-device";
            default -> "unknown";
        };
    }

    private static Entry contents(Found found, ByteBuffer buffer, MessageDigest digest) {
        Entry e = found.entry();
        try {
            Map<String, String> xattrs = Xattrs.read(RawPaths.cString(found.path()), FileName.display(e.path()));
            String hash = e.type().equals("file") ? Hashing.hex(digest(found.path(), buffer, digest)) : null;
            return new Entry(e.path(), e.type(), e.mode(), e.uid(), e.gid(), e.size(), e.linkTarget(), hash, e.modified(), e.device(), null, xattrs);
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    private static byte[] digest(Path file, ByteBuffer buffer, MessageDigest digest) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            buffer.clear();
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
            return digest.digest();
        }
    }

    /** Names each entry's hard-link group by its first path, for entries that share an inode with another in the tree. */
    private static List<Entry> withHardLinks(List<Found> found, List<Entry> sorted) {
        Map<String, String> inodeOf = new HashMap<>();
        Map<String, Integer> groupSize = new HashMap<>();
        for (Found f : found) {
            if (f.links() > 1 && !f.entry().type().equals("dir")) {
                String inode = f.dev() + ":" + f.ino();
                inodeOf.put(f.entry().path(), inode);
                groupSize.merge(inode, 1, Integer::sum);
            }
        }
        if (inodeOf.isEmpty()) {
            return sorted;
        }
        Map<String, String> first = new HashMap<>();
        List<Entry> linked = new ArrayList<>(sorted.size());
        for (Entry entry : sorted) {
            String inode = inodeOf.get(entry.path());
            if (inode != null && groupSize.get(inode) > 1) {
                linked.add(entry.withHardLinks(first.computeIfAbsent(inode, i -> entry.path())));
            } else {
                linked.add(entry);
            }
        }
        return linked;
    }
}

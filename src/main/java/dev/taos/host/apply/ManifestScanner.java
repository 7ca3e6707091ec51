package dev.taos.host.apply;

import dev.taos.host.core.migrate.Manifest;
import dev.taos.host.core.migrate.Manifest.Entry;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a {@link Manifest} of a directory tree from the host side (an instance's rootfs under its pool's mount path),
 * so no container starts. The walk is one pass of lstat; regular files are then hashed by one worker per core, each
 * streaming its file through a fixed buffer, so memory stays bounded by the manifest itself.
 */
public final class ManifestScanner {

    /** Called now and then with the bytes hashed so far and the total. */
    public interface Progress {
        void hashed(long done, long total);
    }

    private static final int BUFFER = 256 * 1024;
    private final int workers;

    public ManifestScanner() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    ManifestScanner(int workers) {
        this.workers = workers;
    }

    public Manifest scan(Path root, Progress progress) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<Integer> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                entries.add(entry(root, dir, "dir", 0, null));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    files.add(entries.size());
                    entries.add(entry(root, file, "file", attrs.size(), null));
                } else if (attrs.isSymbolicLink()) {
                    entries.add(entry(root, file, "link", 0, Files.readSymbolicLink(file).toString()));
                } else {
                    entries.add(entry(root, file, "other", 0, null));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        hash(root, entries, files, progress);
        entries.sort(Comparator.comparing(Entry::path));
        return new Manifest(entries);
    }

    private static Entry entry(Path root, Path path, String type, long size, String target) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        String relative = root.relativize(path).toString();
        return new Entry(relative.isEmpty() ? "." : relative, type, (Integer) unix.get("mode") & 07777, (Integer) unix.get("uid"),
                (Integer) unix.get("gid"), size, target, null);
    }

    private void hash(Path root, List<Entry> entries, List<Integer> files, Progress progress) throws IOException {
        long total = files.stream().mapToLong(i -> entries.get(i).size()).sum();
        AtomicLong done = new AtomicLong();
        AtomicInteger nextFile = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "manifest-hash");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
                    MessageDigest digest = sha256();
                    for (int i = nextFile.getAndIncrement(); i < files.size(); i = nextFile.getAndIncrement()) {
                        int at = files.get(i);
                        Entry file = entries.get(at);
                        String sum = digest(root.resolve(file.path()), buffer, digest);
                        entries.set(at, new Entry(file.path(), file.type(), file.mode(), file.uid(), file.gid(), file.size(), null, sum));
                        progress.hashed(done.addAndGet(file.size()), total);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing " + root, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String digest(Path file, ByteBuffer buffer, MessageDigest digest) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            buffer.clear();
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

package dev.taos.host.apply;

import dev.taos.host.core.Hashing;
import dev.taos.host.core.migrate.FileName;
import dev.taos.host.core.migrate.Manifest;
import dev.taos.host.core.migrate.Manifest.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a tree for a {@link Manifest} from the host side (an instance's rootfs under its pool's mount path), so no
 * container starts: {@link #open} walks it depth-first, each directory's names sorted, keeping names as the kernel's
 * bytes, while one worker per core reads each entry's extended attributes and hashes regular files through a fixed
 * buffer. The entries come out in walk order and at most {@link #WINDOW} ahead of the reader, so two trees are compared
 * without holding either (see {@link TreeWalk} for what memory it needs).
 */
public final class ManifestScanner {

    /**
     * Called now and then with the bytes hashed so far and the total, which is -1 until the walk has found every file.
     */
    public interface Progress {
        void hashed(long done, long total);
    }

    /** Entries read ahead of the comparison, at most. */
    static final int WINDOW = 4096;

    private static final int BUFFER = 256 * 1024;
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,dev,ino,nlink,rdev,lastModifiedTime,ctime";
    private static final String STAMP = "unix:dev,ino,size,ctime,mode";
    private final int workers;

    public ManifestScanner() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    ManifestScanner(int workers) {
        this.workers = workers;
    }

    /** One entry as the walk found it: the path to open, and its lstat fields. */
    record Found(Path path, Entry entry, long dev, long ino, int links, Instant ctime) {
        Stamps.Stamp stamp() {
            return new Stamps.Stamp(dev, ino, ctime, entry.size());
        }
    }

    /** The tree's entries in walk order; close it to stop the walk early. */
    TreeWalk open(Path root, Progress progress) {
        return open(root, progress, Stamps.Side.NONE);
    }

    /**
     * The same, taking what a side's stamps prove unchanged (a file's hash, extended attributes) instead of reading it,
     * and telling the side what it read.
     */
    TreeWalk open(Path root, Progress progress, Stamps.Side side) {
        return new TreeWalk(root, workers, WINDOW, progress, side, false);
    }

    /**
     * A walk of a tree in use (a running agent's): an entry that vanishes or cannot be read while the walk runs is left
     * out, told to nobody.
     */
    TreeWalk openInUse(Path root, Progress progress, Stamps.Side side) {
        return new TreeWalk(root, workers, WINDOW, progress, side, true);
    }

    /** What {@code path} is now, to see whether it changed while it was read (a size for regular files only). */
    static Stamps.Stamp stamp(Path path) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, STAMP, LinkOption.NOFOLLOW_LINKS);
        boolean file = type((Integer) unix.get("mode")).equals("file");
        return new Stamps.Stamp(
                (Long) unix.get("dev"),
                (Long) unix.get("ino"),
                ((FileTime) unix.get("ctime")).toInstant(),
                file ? (Long) unix.get("size") : 0);
    }

    static ByteBuffer buffer() {
        return ByteBuffer.allocateDirect(BUFFER);
    }

    static Found lstat(Path path, int prefix) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        byte[] raw = RawPaths.bytes(path);
        String name = raw.length < prefix ? "." : FileName.encode(raw, prefix, raw.length);
        int mode = (Integer) unix.get("mode");
        String type = type(mode);
        String target = type.equals("link") ? FileName.encode(RawPaths.bytes(Files.readSymbolicLink(path))) : null;
        long size = type.equals("file") ? (Long) unix.get("size") : 0;
        long device = type.endsWith("-device") ? (Long) unix.get("rdev") : 0;
        Entry entry = new Entry(
                name,
                type,
                mode & 07777,
                (Integer) unix.get("uid"),
                (Integer) unix.get("gid"),
                size,
                target,
                null,
                ((FileTime) unix.get("lastModifiedTime")).toInstant().toString(),
                device,
                null,
                Map.of());
        return new Found(
                path,
                entry,
                (Long) unix.get("dev"),
                (Long) unix.get("ino"),
                (Integer) unix.get("nlink"),
                ((FileTime) unix.get("ctime")).toInstant());
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

    /**
     * The entry with its extended attributes and, for a file, its SHA-256: taken from {@code known} when the stamps
     * prove the entry unchanged since it was read, else read now; its hard-link pointer as the walk set it.
     */
    static Entry contents(Found found, ByteBuffer buffer, MessageDigest digest, Optional<StampTable.Known> known) {
        Entry e = found.entry();
        try {
            Map<String, String> xattrs = known.isPresent()
                    ? known.get().xattrs()
                    : Xattrs.read(RawPaths.cString(found.path()), FileName.display(e.path()));
            String hash = !e.type().equals("file")
                    ? null
                    : known.map(StampTable.Known::sha256).orElseGet(() -> hash(found.path(), buffer, digest));
            return new Entry(
                    e.path(),
                    e.type(),
                    e.mode(),
                    e.uid(),
                    e.gid(),
                    e.size(),
                    e.linkTarget(),
                    hash,
                    e.modified(),
                    e.device(),
                    e.hardLinks(),
                    xattrs);
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    private static String hash(Path file, ByteBuffer buffer, MessageDigest digest) {
        try {
            return Hashing.hex(digest(file, buffer, digest));
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
}

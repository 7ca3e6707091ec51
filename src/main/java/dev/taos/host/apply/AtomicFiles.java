package dev.taos.host.apply;

import dev.taos.host.core.Hashing;
import dev.taos.host.core.plan.UnitSteps;
import dev.taos.host.probe.ManagedFilesProbe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Writes a file so that a crash leaves either the old or the new content: temp file, fsync, rename, fsync the
 * directory.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Writes {@code content} with {@code mode} (octal, like 0644). A differing file already there is first copied to
     * its backup path, named after its content's hash; an identical one is not touched. Returns the backup, if made.
     */
    public static Optional<Path> write(Path path, String mode, String content) throws IOException {
        return write(path, mode, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Installs a copy of {@code source} at {@code path} the same way: atomically, a differing old file backed up first.
     */
    public static Optional<Path> copy(Path source, Path path, String mode) throws IOException {
        return write(path, mode, Files.readAllBytes(source));
    }

    private static Optional<Path> write(Path path, String mode, byte[] bytes) throws IOException {
        Optional<Path> backup = Optional.empty();
        if (Files.isRegularFile(path)) {
            String old = ManagedFilesProbe.sha256(path).orElseThrow(() -> new IOException("cannot read " + path));
            if (old.equals(Hashing.hex(Hashing.sha256().digest(bytes)))) {
                return backup;
            }
            backup = Optional.of(Path.of(UnitSteps.backupPath(path.toString(), old)));
            Files.copy(path, backup.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        replace(path, mode, bytes);
        return backup;
    }

    /**
     * Replaces {@code path} with {@code bytes} atomically and keeps no backup: for taos-host's own state (journals),
     * which is rewritten at every step. A failed write (a full disk) leaves the old file as it was and no temporary
     * file.
     */
    public static void replace(Path path, String mode, byte[] bytes) throws IOException {
        Files.createDirectories(path.getParent());
        Path temp = path.resolveSibling("." + path.getFileName() + ".taos-tmp");
        try {
            try (FileChannel channel = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(permissions(mode)));
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(path.getParent());
    }

    /** What went wrong with a file, in words: NIO's exceptions often carry only the path as their message. */
    public static String problem(IOException e) {
        if (e instanceof FileAlreadyExistsException already) {
            return already.getFile() + " exists and is not a directory";
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + " does not exist";
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied for " + denied.getFile() + " (run taos-host as root)";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getFile() + ": " + fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** "0644" as rw-r--r--. */
    static String permissions(String mode) {
        int bits = Integer.parseInt(mode, 8);
        StringBuilder out = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int part = (bits >> shift) & 7;
            out.append((part & 4) != 0 ? 'r' : '-')
                    .append((part & 2) != 0 ? 'w' : '-')
                    .append((part & 1) != 0 ? 'x' : '-');
        }
        return out.toString();
    }
}

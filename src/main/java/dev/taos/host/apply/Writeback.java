package dev.taos.host.apply;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.taos.host.core.migrate.FileName;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a filesystem's dirty pages back to its disk ({@code syncfs(2)}, through JNA, which OSHI already brings). Once
 * a page is written back, the kernel write-protects it in every shared mapping, so the next store through a mapping
 * faults and moves the file's ctime; until then, stores to a page already dirty change its bytes and no time
 * (docs/ARCHITECTURE.md, "Migration protocol").
 */
final class Writeback {

    private static final int O_RDONLY = 0;
    private static final int O_DIRECTORY = 0200000;
    private static final int O_CLOEXEC = 02000000;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private Writeback() {}

    private static native int open(byte[] path, int flags) throws LastErrorException;

    private static native int syncfs(int fd) throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    /** Writes back every dirty page of the filesystem that holds {@code directory}, and waits until it is written. */
    static void filesystemOf(Path directory) throws IOException {
        String shown = FileName.display(FileName.encode(RawPaths.bytes(directory)));
        int fd;
        try {
            fd = open(RawPaths.cString(directory), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("Failed to open " + shown + ": errno " + e.getErrorCode(), e);
        }
        try {
            syncfs(fd);
        } catch (LastErrorException e) {
            throw new IOException("Failed to write back the filesystem of " + shown + ": errno " + e.getErrorCode(), e);
        } finally {
            try {
                close(fd);
            } catch (LastErrorException ignored) {
                // Closing a directory opened read-only loses nothing.
            }
        }
    }
}

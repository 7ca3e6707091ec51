package dev.taos.host.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One changing run at a time: an OS lock on {@code lock} in the state directory, released by the kernel if the run
 * dies.
 */
public final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process holds it. */
    public static Optional<RunLock> tryAcquire(Path stateDir, long pid) {
        try {
            Files.createDirectories(stateDir);
            FileChannel channel =
                    FileChannel.open(stateDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException alreadyHeldHere) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0).write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.UTF_8)));
            return Optional.of(new RunLock(channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Failed to take the lock in " + stateDir + ": " + e.getMessage()
                            + ". Run taos-host as root so it can write there.",
                    e);
        }
    }

    /** The PID written by whoever holds the lock, for the message. */
    public static String holder(Path stateDir) {
        try {
            return Files.readString(stateDir.resolve("lock")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The kernel drops the lock when the process ends anyway.
        }
    }
}

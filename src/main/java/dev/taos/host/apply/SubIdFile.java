package dev.taos.host.apply;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds or removes one line of a subordinate id file ({@code /etc/subuid}, {@code /etc/subgid}) the way shadow's own
 * tools change it, so neither loses the other's change: first the password files' lock ({@code lckpwdf}: an fcntl lock
 * on {@code .pwd.lock} beside the file), then the file's own lock file ({@code FILE.lock}, made by linking a file that
 * holds our pid, a stale one of a dead process taken over), both waited for up to {@link #PATIENCE} as shadow waits;
 * then the file is replaced atomically with its mode kept. usermod cannot remove such a line for root: it refuses to
 * change the ids of a user who has processes.
 */
final class SubIdFile {

    static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 200;

    private SubIdFile() {}

    /** Adds {@code line} unless the file holds it, or removes every copy of it; nothing else changes. */
    @SuppressWarnings("try") // shadow's lock is held for the block's duration; nothing in it needs the handle
    static void edit(Path file, String line, boolean add) throws IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Path pwdLock = file.resolveSibling(".pwd.lock");
        try (FileChannel channel = FileChannel.open(pwdLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = lock(channel, pwdLock, deadline)) {
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            takeLockFile(lockFile, deadline);
            try {
                List<String> lines = Files.exists(file)
                        ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                        : new ArrayList<>();
                boolean changed = add ? !lines.contains(line) && lines.add(line) : lines.removeIf(line::equals);
                if (changed) {
                    String mode = Files.exists(file) ? mode(file) : "0644";
                    String text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
                    AtomicFiles.replace(file, mode, text.getBytes(StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(lockFile);
            }
        }
    }

    /** The fcntl lock lckpwdf takes, waited for until {@code deadline}. */
    private static FileLock lock(FileChannel channel, Path pwdLock, long deadline) throws IOException {
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            waitOrFail(deadline, pwdLock + " is locked by another program changing the user files");
        }
    }

    /** shadow's lock file: linked from a file holding our pid, so its making is atomic; a dead owner's is stale. */
    private static void takeLockFile(Path lockFile, long deadline) throws IOException {
        long pid = ProcessHandle.current().pid();
        Path mine = lockFile.resolveSibling(lockFile.getFileName().toString().replace(".lock", "." + pid));
        Files.writeString(mine, pid + "\0", StandardCharsets.US_ASCII);
        try {
            while (true) {
                try {
                    Files.createLink(lockFile, mine);
                    return;
                } catch (FileAlreadyExistsException held) {
                    if (owner(lockFile) > 0 && ProcessHandle.of(owner(lockFile)).isEmpty()) {
                        Files.deleteIfExists(lockFile);
                        continue;
                    }
                    waitOrFail(deadline, lockFile + " is held by process " + owner(lockFile));
                }
            }
        } finally {
            Files.deleteIfExists(mine);
        }
    }

    /** The pid a lock file holds, 0 when it holds none (or is gone). */
    private static long owner(Path lockFile) throws IOException {
        try {
            String text = Files.readString(lockFile, StandardCharsets.US_ASCII).replaceAll("[^0-9]", "");
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NoSuchFileException | NumberFormatException gone) {
            return 0;
        }
    }

    private static void waitOrFail(long deadline, String why) throws IOException {
        if (System.nanoTime() > deadline) {
            throw new IOException(why + " (waited " + PATIENCE.toSeconds() + " s); try again once it is done");
        }
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting: " + why, e);
        }
    }

    private static String mode(Path file) throws IOException {
        int bits = 0;
        for (char c : PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
                .toCharArray()) {
            bits = (bits << 1) | (c == '-' ? 0 : 1);
        }
        return Integer.toOctalString(bits);
    }
}

package dev.taos.host.apply;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of the regular files under some directories, counted while something writes there (a copy in progress):
 * names that vanish mid-walk and directories that cannot be read are skipped, since the figure only shows progress.
 */
final class BytesOnDisk {

    private BytesOnDisk() {
    }

    static long under(Path... roots) {
        AtomicLong bytes = new AtomicLong();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isRegularFile()) {
                            bytes.addAndGet(attributes.size());
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // What was counted stands: this is a progress figure, not a check.
            }
        }
        return bytes.get();
    }
}

package dev.taos.host.apply;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.facts.IncusFacts.CachedImage;
import dev.taos.host.core.image.ImageMeasure;
import dev.taos.host.exec.CommandFailed;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.exec.Runner;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Where an image's bytes are. A temporary instance of it answers the largest directories and what each trim rule would
 * find (nothing is removed); the exported image gives its size as stored and gzip-compressed, the way a release
 * publishes it. Everything temporary is deleted again.
 */
public final class ImageInspector {

    /** One image's figures; {@code rules} are what each trim rule would remove, in bytes. */
    public record Measured(
            String fingerprint,
            List<String> aliases,
            long rootfsBytes,
            long storedBytes,
            long gzipBytes,
            List<ImageMeasure.Dir> largest,
            Map<String, Long> rules) {}

    /** Measuring failed; everything temporary was deleted. */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Runner runner;
    private final Path scratch;

    /** {@code scratch}: an empty directory for the export, deleted again. */
    public ImageInspector(Runner runner, Path scratch) {
        this.runner = runner;
        this.scratch = scratch;
    }

    /** The image's figures, from a temporary instance and an export (both deleted again). */
    public Measured measure(CachedImage image) {
        String fingerprint = image.fingerprint();
        runner.attempt(ImageMeasure.delete(fingerprint));
        ImageMeasure.Answer answer;
        try {
            run(ImageMeasure.launch(fingerprint));
            answer = ImageMeasure.read(run(ImageMeasure.measure(fingerprint)).stdout());
        } finally {
            runner.attempt(ImageMeasure.delete(fingerprint));
        }
        long[] sizes = exported(image);
        return new Measured(
                fingerprint,
                image.aliases(),
                answer.rootfsBytes(),
                sizes[0],
                sizes[1],
                answer.largest(),
                answer.rules());
    }

    /** The image as Incus stores it, and gzip-compressed (what a release would publish), by exporting it. */
    private long[] exported(CachedImage image) {
        Path dir = scratch;
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            run(ImageMeasure.export(image.fingerprint(), dir.toString()));
            long stored = 0;
            long gzip = 0;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    stored += Files.size(file);
                    gzip += gzipSize(file);
                }
            }
            return new long[] {stored, gzip};
        } catch (IOException e) {
            throw new Failed(
                    "Failed to export " + image.fingerprint().substring(0, 12) + " into " + dir + ": " + e.getMessage()
                            + ". Free space there, then run again.",
                    e);
        } finally {
            deleteTree(dir);
        }
    }

    private static long gzipSize(Path file) throws IOException {
        Counting counted = new Counting();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                OutputStream gzip = new GZIPOutputStream(counted, 1 << 16)) {
            raw.mark(2);
            boolean gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            (gzipped ? new GZIPInputStream(raw, 1 << 16) : raw).transferTo(gzip);
        }
        return counted.count;
    }

    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private CommandRunner.Result run(Command command) {
        try {
            return runner.run(command);
        } catch (CommandFailed failed) {
            throw new Failed("Failed to measure the image: " + failed.said() + ".", failed);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new Failed("Failed to delete " + dir + ": " + e.getMessage() + ". Delete it by hand.", e);
        }
    }
}

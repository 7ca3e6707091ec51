package dev.taos.host.apply;

import dev.taos.host.core.facts.IncusFacts.CachedImage;
import dev.taos.host.core.image.Layer;
import dev.taos.host.core.image.TrimRule;
import dev.taos.host.exec.CommandRunner;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
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

    private static final Duration INCUS = Duration.ofMinutes(10);

    public record Dir(String path, long bytes) {}

    /** One image's figures; {@code rules} are what each trim rule would remove, in bytes. */
    public record Measured(
            String fingerprint,
            List<String> aliases,
            long rootfsBytes,
            long storedBytes,
            long gzipBytes,
            List<Dir> largest,
            Map<String, Long> rules) {}

    /** Measuring failed; everything temporary was deleted. */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final CommandRunner runner;
    private final Path scratch;

    /** {@code scratch}: an empty directory for the export, deleted again. */
    public ImageInspector(CommandRunner runner, Path scratch) {
        this.runner = runner;
        this.scratch = scratch;
    }

    /** The image's figures, from a temporary instance and an export (both deleted again). */
    public Measured measure(CachedImage image) {
        String instance = "taos-report-" + image.fingerprint().substring(0, 12);
        runner.run(List.of("incus", "delete", "--force", instance), INCUS);
        String answer;
        try {
            run(List.of("incus", "launch", image.fingerprint(), instance, "--quiet"));
            StringBuilder script = new StringBuilder("echo \"total $(du -sxk / 2>/dev/null | cut -f1)\"; "
                    + "du -xk -d 3 / 2>/dev/null | sort -rn | head -16");
            for (TrimRule rule : TrimRule.values()) {
                if (rule != TrimRule.NODE_DEV) {
                    script.append("; echo \"rule ")
                            .append(rule.id())
                            .append(" $(")
                            .append(rule.measureScript(Layer.Trim.standard()))
                            .append(")\"");
                }
            }
            answer = run(List.of("incus", "exec", instance, "--", "sh", "-c", script.toString()))
                    .stdout();
        } finally {
            runner.run(List.of("incus", "delete", "--force", instance), INCUS);
        }
        long total = 0;
        List<Dir> largest = new ArrayList<>();
        Map<String, Long> rules = new LinkedHashMap<>();
        for (String line : answer.lines().toList()) {
            String[] words = line.strip().split("\\s+");
            if (words[0].equals("total") && words.length == 2) {
                total = Long.parseLong(words[1]) * 1024;
            } else if (words[0].equals("rule") && words.length == 3) {
                rules.put(words[1], Long.parseLong(words[2]));
            } else if (words.length == 2 && words[0].matches("\\d+")) {
                largest.add(new Dir(words[1], Long.parseLong(words[0]) * 1024));
            }
        }
        long[] sizes = exported(image);
        return new Measured(image.fingerprint(), image.aliases(), total, sizes[0], sizes[1], largest, rules);
    }

    /** The image as Incus stores it, and gzip-compressed (what a release would publish), by exporting it. */
    private long[] exported(CachedImage image) {
        Path dir = scratch;
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            run(List.of("incus", "image", "export", image.fingerprint(), dir + "/"));
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

    private CommandRunner.Result run(List<String> argv) {
        CommandRunner.Result result = runner.run(argv, INCUS);
        if (!result.ok()) {
            throw new Failed(
                    "Failed to measure the image: " + result.failure(String.join(" ", argv), INCUS) + ".", null);
        }
        return result;
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

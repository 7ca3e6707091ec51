package dev.taos.host.ui.output;

import dev.taos.host.app.ImageBuildFlow;
import dev.taos.host.app.ImageBuildPreviewFlow;
import dev.taos.host.app.ImageLaunchFlow;
import dev.taos.host.app.ImageReportFlow;
import dev.taos.host.app.ImageStoreFlow;
import dev.taos.host.apply.ImageInspector;
import dev.taos.host.core.ByteSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the image commands print: a table for people, the flows' records as JSON for scripts. */
public final class ImageReport {

    private ImageReport() {}

    public static String build(ImageBuildFlow.Built built) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("LAYER", "RESULT", "KEY", "IMAGE", "TIME", "WHY"));
        for (ImageBuildFlow.Outcome o : built.layers()) {
            rows.add(List.of(
                    o.layer(),
                    o.status().json(),
                    shortened(o.key()),
                    shortened(o.fingerprint()),
                    seconds(o.millis()),
                    o.status() == ImageBuildFlow.Status.FAILED ? "see below" : o.why()));
        }
        StringBuilder text = new StringBuilder(String.join("\n", TextTable.lines(rows))).append('\n');
        for (ImageBuildFlow.Outcome o : built.layers()) {
            if (!o.trimmed().isEmpty()) {
                text.append("Trimmed from ")
                        .append(o.layer())
                        .append(": ")
                        .append(trimmed(o.trimmed()))
                        .append('\n');
            }
        }
        if (built.failure() != null) {
            text.append(built.failure()).append("\nThe previous image and its alias are as they were.\n");
        }
        if (built.layers().stream().allMatch(o -> o.status() == ImageBuildFlow.Status.HIT)) {
            text.append("Nothing to build: every layer is cached.\n");
        }
        return text.toString();
    }

    /** The layers a build would look at, and what it would run for each, as a plan reads. */
    public static String preview(ImageBuildPreviewFlow.Preview preview) {
        StringBuilder text = new StringBuilder();
        for (ImageBuildPreviewFlow.LayerPreview layer : preview.layers()) {
            text.append(layer.layer())
                    .append(": ")
                    .append(layer.action())
                    .append(" (")
                    .append(layer.why())
                    .append(")\n");
            layer.commands()
                    .forEach(c -> text.append("      $ ").append(c.display()).append('\n'));
        }
        if (preview.layers().stream().allMatch(l -> l.action().equals("hit"))) {
            text.append("Nothing to build: every layer is cached.\n");
        } else {
            text.append("Nothing has been changed (--dry-run).\n");
        }
        return text.toString();
    }

    public static String launched(ImageLaunchFlow.Launched launched) {
        return "Launched " + launched.instance() + " from " + launched.layer() + " by the " + launched.path()
                + " path in " + seconds(launched.millis())
                + (launched.why().isEmpty() ? "" : " (" + launched.why() + ")") + ".\n";
    }

    public static String list(List<ImageStoreFlow.Entry> entries) {
        if (entries.isEmpty()) {
            return "No cached layers. Declare them in the image layers file and run taos-host image build.\n";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("LAYER", "KEY", "IMAGE", "PARENT KEY", "SIZE", "CREATED", "LAST USED", "ALIASES"));
        for (ImageStoreFlow.Entry e : entries) {
            rows.add(List.of(
                    e.layer(),
                    shortened(e.key()),
                    shortened(e.fingerprint()),
                    shortened(e.parentKey()),
                    ByteSize.human(e.sizeBytes()),
                    date(e.createdAt()),
                    date(e.lastUsedAt()),
                    e.aliases().isEmpty()
                            ? "-"
                            : String.join(
                                    ",",
                                    e.aliases().stream()
                                            .map(a -> e.project().equals("default") ? a : e.project() + "/" + a)
                                            .toList())));
        }
        return String.join("\n", TextTable.lines(rows)) + "\n";
    }

    /** Where the bytes are; with --against, each figure side by side with the other image's and the difference. */
    public static String report(ImageReportFlow.Report report) {
        ImageInspector.Measured a = report.image();
        ImageInspector.Measured b = report.against();
        StringBuilder text = new StringBuilder();
        List<List<String>> rows = new ArrayList<>();
        rows.add(b == null ? List.of("", name(a)) : List.of("", name(a), name(b), "DIFFERENCE"));
        rows.add(row("root filesystem", a.rootfsBytes(), b == null ? null : b.rootfsBytes()));
        rows.add(row("as stored by Incus", a.storedBytes(), b == null ? null : b.storedBytes()));
        rows.add(row("gzip-compressed", a.gzipBytes(), b == null ? null : b.gzipBytes()));
        a.rules()
                .forEach((rule, bytes) -> rows.add(row(
                        "trim " + rule + " would remove",
                        bytes,
                        b == null ? null : b.rules().get(rule))));
        text.append(String.join("\n", TextTable.lines(rows)))
                .append("\n\nLargest directories of ")
                .append(name(a))
                .append(":\n");
        List<List<String>> dirs = new ArrayList<>();
        a.largest().forEach(d -> dirs.add(List.of("  " + ByteSize.human(d.bytes()), d.path())));
        text.append(String.join("\n", TextTable.lines(dirs))).append('\n');
        return text.toString();
    }

    private static List<String> row(String what, long a, Long b) {
        return b == null
                ? List.of(what, ByteSize.human(a))
                : List.of(what, ByteSize.human(a), ByteSize.human(b), difference(a, b));
    }

    /** How {@code a} (the image) differs from {@code b} (the one it is compared against). */
    private static String difference(long a, long b) {
        if (a == b) {
            return "same";
        }
        String bytes = (a > b ? "+" : "-") + ByteSize.human(Math.abs(a - b));
        return b == 0 ? bytes : bytes + " (" + (a > b ? "+" : "") + Math.round(100.0 * (a - b) / b) + "%)";
    }

    private static String name(ImageInspector.Measured image) {
        return image.aliases().isEmpty()
                ? image.fingerprint().substring(0, 12)
                : image.aliases().get(0);
    }

    private static String trimmed(Map<String, Long> trimmed) {
        List<String> parts = new ArrayList<>();
        trimmed.forEach((rule, bytes) -> parts.add(rule + " " + ByteSize.human(bytes)));
        return String.join(", ", parts) + " (total "
                + ByteSize.human(
                        trimmed.values().stream().mapToLong(Long::longValue).sum()) + ")";
    }

    private static String date(String instant) {
        return instant.isEmpty() || instant.startsWith("0001-")
                ? "never"
                : instant.replaceFirst("\\..*$", "").replace('T', ' ');
    }

    private static String shortened(String hash) {
        return hash.isEmpty() ? "-" : hash.substring(0, Math.min(12, hash.length()));
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}

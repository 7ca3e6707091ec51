package dev.taos.host.core.image;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.command.Patience;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How image report finds where an image's bytes are: a temporary instance of it prints its size, its largest
 * directories and what each trim rule would find (nothing is removed); its answer is read here.
 */
public final class ImageMeasure {

    /** The temporary instance's name prefix. */
    public static final String PREFIX = "taos-report-";

    public record Dir(String path, long bytes) {}

    /** What the instance printed: its whole size, its largest directories, and each rule's bytes. */
    public record Answer(long rootfsBytes, List<Dir> largest, Map<String, Long> rules) {}

    private ImageMeasure() {}

    public static String instance(String fingerprint) {
        return PREFIX + fingerprint.substring(0, 12);
    }

    public static Command launch(String fingerprint) {
        return Incus.of(Patience.IMAGE, "launch", fingerprint, instance(fingerprint), "--quiet");
    }

    public static Command delete(String fingerprint) {
        return LayerBuild.delete(instance(fingerprint));
    }

    /** The script run in the instance: its size, the 16 largest directories 3 deep, then one line per rule. */
    public static Command measure(String fingerprint) {
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
        return Incus.exec(instance(fingerprint), Patience.IMAGE, "sh", "-c", script.toString());
    }

    public static Command export(String fingerprint, String dir) {
        return Incus.imageExport(fingerprint, dir);
    }

    /** The measuring script's output, read. */
    public static Answer read(String printed) {
        long total = 0;
        List<Dir> largest = new ArrayList<>();
        Map<String, Long> rules = new LinkedHashMap<>();
        for (String line : printed.lines().toList()) {
            String[] words = line.strip().split("\\s+");
            if (words[0].equals("total") && words.length == 2) {
                total = Long.parseLong(words[1]) * 1024;
            } else if (words[0].equals("rule") && words.length == 3) {
                rules.put(words[1], Long.parseLong(words[2]));
            } else if (words.length == 2 && words[0].matches("\\d+")) {
                largest.add(new Dir(words[1], Long.parseLong(words[0]) * 1024));
            }
        }
        return new Answer(total, largest, rules);
    }
}

package dev.taos.host.probe;

import dev.taos.host.core.units.DesiredFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The systemd units taos-host ships: {@code units/} is installed as it is, {@code templates/} is rendered first. A unit
 * test keeps these lists equal to the two directories.
 */
public final class UnitCatalog {

    public static final List<String> PLAIN =
            List.of("tinyagentos-host-firewall.path", "tinyagentos-host-firewall.timer", "taos-pool-watch.timer");

    public static final List<String> TEMPLATED = List.of(
            "tinyagentos.service",
            "tinyagentos-host-firewall.service",
            "taos-pool-watch.service",
            "taos-base-image.service",
            "taos-image-build.service",
            "taos-image-build.path");

    private UnitCatalog() {}

    public static List<String> names() {
        return Stream.concat(TEMPLATED.stream(), PLAIN.stream()).sorted().toList();
    }

    /** The shipped texts, read from this jar. */
    public static DesiredFiles.Sources sources() {
        return new DesiredFiles.Sources(read("units", PLAIN), read("templates", TEMPLATED));
    }

    private static Map<String, String> read(String dir, List<String> names) {
        Map<String, String> texts = new TreeMap<>();
        for (String name : names) {
            try (InputStream in = UnitCatalog.class.getResourceAsStream("/taos-units/" + dir + "/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("Failed to read the unit " + dir + "/" + name
                            + ": it is missing from this jar. Rebuild taos-host.");
                }
                texts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Failed to read the unit " + dir + "/" + name + " from this jar: " + e.getMessage(), e);
            }
        }
        return texts;
    }
}

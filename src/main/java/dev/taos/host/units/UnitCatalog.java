package dev.taos.host.units;

import java.util.List;
import java.util.stream.Stream;

/**
 * The systemd units taos-host ships: {@code units/} is installed as it is, {@code templates/} is rendered first.
 * A unit test keeps these lists equal to the two directories.
 */
public final class UnitCatalog {

    public static final List<String> PLAIN = List.of(
            "tinyagentos-host-firewall.path",
            "tinyagentos-host-firewall.timer",
            "taos-pool-watch.timer");

    public static final List<String> TEMPLATED = List.of(
            "tinyagentos.service",
            "tinyagentos-host-firewall.service",
            "taos-pool-watch.service",
            "taos-base-image.service");

    private UnitCatalog() {
    }

    public static List<String> names() {
        return Stream.concat(TEMPLATED.stream(), PLAIN.stream()).sorted().toList();
    }
}

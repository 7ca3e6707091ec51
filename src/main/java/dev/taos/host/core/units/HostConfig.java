package dev.taos.host.core.units;

import dev.taos.host.core.ByteSize;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * /etc/taos-host/taos-host.conf: the settings setup writes and its units read, in systemd's EnvironmentFile= format
 * (KEY=VALUE, no quoting). Each key is named here once, for the writer and for every reader.
 */
public final class HostConfig {

    public static final String POOL = "TAOS_POOL";
    public static final String WARN_PERCENT = "TAOS_POOL_WARN_PERCENT";
    public static final String AUTOGROW = "TAOS_POOL_AUTOGROW";
    public static final String GROW_STEP = "TAOS_POOL_GROW_STEP";
    public static final String RESERVE_PERCENT = "TAOS_HOST_RESERVE_PERCENT";
    public static final String FETCH = "TAOS_BASE_IMAGE_FETCH";
    public static final String IMAGE_BUILD = "TAOS_IMAGE_BUILD";

    private HostConfig() {}

    public static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(line -> {
                    int equals = line.indexOf('=');
                    if (equals > 0) {
                        values.put(
                                line.substring(0, equals).strip(),
                                line.substring(equals + 1).strip());
                    }
                });
        return values;
    }

    static String render(String pool, UnitSettings.PoolWatch watch, UnitChoices.Resolved choices) {
        return "# Written by taos-host setup; read by its units. Change it with taos-host setup (flags in README.md).\n"
                + POOL + "=" + pool + "\n"
                + WARN_PERCENT + "=" + watch.warnPercent() + "\n"
                + AUTOGROW + "=" + flag(choices.poolAutoGrow()) + "\n"
                + GROW_STEP + "=" + watch.growStep().incusValue() + "\n"
                + RESERVE_PERCENT + "=" + watch.reservePercent() + "\n"
                + FETCH + "=" + flag(choices.fetchBaseImage()) + "\n"
                + IMAGE_BUILD + "=" + flag(choices.imageBuild()) + "\n";
    }

    /**
     * The pool watch's rule from these values, each missing one at its default; a bad one is an
     * IllegalArgumentException.
     */
    public static UnitSettings.PoolWatch poolWatch(Map<String, String> values) {
        UnitSettings.PoolWatch defaults = UnitSettings.PoolWatch.defaults();
        return new UnitSettings.PoolWatch(
                number(values, WARN_PERCENT, defaults.warnPercent()),
                on(values, AUTOGROW),
                values.containsKey(GROW_STEP) ? ByteSize.parse(values.get(GROW_STEP)) : defaults.growStep(),
                number(values, RESERVE_PERCENT, defaults.reservePercent()));
    }

    public static Optional<String> pool(Map<String, String> values) {
        return Optional.ofNullable(values.get(POOL)).filter(p -> !p.isBlank());
    }

    static boolean on(Map<String, String> values, String key) {
        return "1".equals(values.get(key));
    }

    private static int number(Map<String, String> values, String key, int fallback) {
        String text = values.get(key);
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + text + " is not a whole number");
        }
    }

    private static int flag(boolean on) {
        return on ? 1 : 0;
    }
}

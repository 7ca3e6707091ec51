package dev.taos.host.core.units;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.HostPaths;
import java.util.Map;

/**
 * The values the units and the config file are rendered from. {@code java} and {@code jar} are where the JVM and the
 * installed taos-host jar live on this host; the app values follow the taOS layout (upstream taOS installs the app in
 * /opt/tinyagentos with a venv).
 */
public record UnitSettings(
        String user,
        String group,
        String installDir,
        String python,
        String stopScript,
        boolean prefetchBaseImage,
        String java,
        String jar,
        PoolWatch poolWatch) {

    /**
     * The pool-watch timer's rule: warn above {@code warnPercent}; grow by {@code growStep} only when enabled, keeping
     * the host's reserve.
     */
    public record PoolWatch(int warnPercent, boolean autoGrow, ByteSize growStep, int reservePercent) {

        public static PoolWatch defaults() {
            return new PoolWatch(80, false, ByteSize.parse("5GiB"), 10);
        }
    }

    public Map<String, String> values() {
        return Map.of(
                "TAOS_USER", user,
                "TAOS_GROUP", group,
                "TAOS_INSTALL_DIR", installDir,
                "TAOS_PYTHON", python,
                "TAOS_STOP_SCRIPT", stopScript,
                "TAOS_PREFETCH_BASE_IMAGE", prefetchBaseImage ? "1" : "0",
                "JAVA", java,
                "TAOS_HOST_JAR", jar,
                "IMAGES_FILE", HostPaths.IMAGES,
                "FETCH_STATUS", HostPaths.STATE_DIR + "/" + HostPaths.FETCH_STATUS_NAME);
    }
}

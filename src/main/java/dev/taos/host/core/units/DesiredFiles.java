package dev.taos.host.core.units;

import static dev.taos.host.core.HostPaths.CONFIG;
import static dev.taos.host.core.HostPaths.JAR;
import static dev.taos.host.core.HostPaths.UNIT_DIR;

import dev.taos.host.core.units.ManagedFile.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files setup installs, rendered: taos-host's own pool watch (always), its config, and the taOS app's units when
 * the app is installed (their ExecStart points into it; without it they could only fail).
 */
public final class DesiredFiles {

    /** The unit texts as shipped: {@code units/} installed as they are, {@code templates/} rendered. */
    public record Sources(Map<String, String> plain, Map<String, String> templates) {
        public Sources {
            plain = Map.copyOf(plain);
            templates = Map.copyOf(templates);
        }
    }

    private DesiredFiles() {}

    /** Every path setup may write, so the probe can tell what is already there. */
    public static List<String> managedPaths(List<String> unitNames) {
        List<String> paths = new ArrayList<>(List.of(CONFIG, JAR));
        unitNames.forEach(name -> paths.add(UNIT_DIR + name));
        return paths;
    }

    /** Units setup installs only when the operator opts in, and removes again when they opt out. */
    public static final List<String> OPT_IN_UNITS =
            List.of("taos-base-image.service", "taos-image-build.service", "taos-image-build.path");

    public static List<ManagedFile> build(
            Sources sources, UnitSettings settings, String pool, boolean appPresent, UnitChoices.Resolved choices) {
        List<ManagedFile> files = new ArrayList<>();
        files.add(new ManagedFile(
                CONFIG, "0644", HostConfig.render(pool, settings.poolWatch(), choices), Activation.NONE));
        files.add(templated(sources, settings, "taos-pool-watch.service", Activation.NONE));
        files.add(plain(sources, "taos-pool-watch.timer", Activation.ENABLE_NOW));
        if (appPresent) {
            files.add(templated(sources, settings, "tinyagentos.service", Activation.ENABLE));
            files.add(templated(sources, settings, "tinyagentos-host-firewall.service", Activation.ENABLE));
            files.add(plain(sources, "tinyagentos-host-firewall.path", Activation.ENABLE_NOW));
            files.add(plain(sources, "tinyagentos-host-firewall.timer", Activation.ENABLE_NOW));
        }
        if (choices.fetchBaseImage()) {
            files.add(templated(sources, settings, "taos-base-image.service", Activation.ENABLE_START_IN_BACKGROUND));
        }
        if (choices.imageBuild()) {
            files.add(templated(sources, settings, "taos-image-build.service", Activation.NONE));
            files.add(templated(sources, settings, "taos-image-build.path", Activation.ENABLE_NOW));
        }
        return files;
    }

    private static ManagedFile templated(Sources sources, UnitSettings settings, String name, Activation activation) {
        String template = require(sources.templates(), name);
        return new ManagedFile(
                UNIT_DIR + name, "0644", UnitRenderer.render(name, template, settings.values()), activation);
    }

    private static ManagedFile plain(Sources sources, String name, Activation activation) {
        return new ManagedFile(UNIT_DIR + name, "0644", require(sources.plain(), name), activation);
    }

    private static String require(Map<String, String> texts, String name) {
        String text = texts.get(name);
        if (text == null) {
            throw new IllegalStateException("Failed to find the unit " + name + " in this build of taos-host");
        }
        return text;
    }
}

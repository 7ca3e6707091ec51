package dev.taos.host.core.image;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One declared image layer: built from {@code parent} (another layer or an image alias) by copying {@code files} in
 * (path in the image to path on the host), running {@code cached} once and trimming; {@code run} runs at each launch.
 */
public record Layer(String name, String parent, String cached, String run, Map<String, String> files, Trim trim) {

    /** Where the current image of a layer is found. */
    public static final String ALIAS_PREFIX = "taos/";

    public Layer {
        files = new TreeMap<>(files);
    }

    public String alias() {
        return ALIAS_PREFIX + name;
    }

    /** Which trim rules run, the locales they keep, and the Node apps whose dev dependencies are pruned. */
    public record Trim(List<TrimRule> rules, List<String> keepLocales, List<String> nodeApps) {

        public static final List<String> DEFAULT_LOCALES = List.of("C", "POSIX", "en_US.UTF-8");

        public Trim {
            rules = rules.stream().distinct().sorted().toList();
            keepLocales = keepLocales.stream().distinct().sorted().toList();
            nodeApps = nodeApps.stream().distinct().sorted().toList();
        }

        public static Trim standard() {
            return new Trim(List.of(TrimRule.values()), DEFAULT_LOCALES, List.of());
        }

        public static Trim none() {
            return new Trim(List.of(), DEFAULT_LOCALES, List.of());
        }
    }
}

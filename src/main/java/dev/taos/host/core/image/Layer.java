package dev.taos.host.core.image;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One declared image layer: built from {@code parent} (another layer or an image alias) by copying {@code files} in
 * (path in the image to path on the host), running {@code cached} once and trimming; {@code run} runs at each launch.
 * {@code publish}, when set, also puts its current image under another alias in another project: the one the taOS app
 * looks up in its own, so the app's next deploy launches the cached layer.
 */
public record Layer(
        String name,
        String parent,
        String cached,
        String run,
        Map<String, String> files,
        Trim trim,
        Optional<Publish> publish) {

    /** Where the current image of a layer is found. */
    public static final String ALIAS_PREFIX = "taos/";

    public Layer {
        files = new TreeMap<>(files);
        publish = publish == null ? Optional.empty() : publish;
    }

    public Layer(String name, String parent, String cached, String run, Map<String, String> files, Trim trim) {
        this(name, parent, cached, run, files, trim, Optional.empty());
    }

    /** An alias the layer's image is published under in {@code project}: a project's name, or {@link #APP}. */
    public record Publish(String alias, String project) {
        /** The taOS app's own project, whichever it is on this host. */
        public static final String APP = "app";

        public boolean forTheApp() {
            return APP.equals(project);
        }
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

package dev.taos.host.core.image;

import dev.taos.host.core.facts.IncusFacts.CachedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The image cache's decisions: in which order layers are built, which are hits and which must be built and why. A built
 * layer's image carries its key and the inputs' hashes as properties, so any host finds it by key alone.
 */
public final class ImageCache {

    public static final String LAYER = "taos.layer";
    public static final String KEY = "taos.key";
    public static final String PARENT_KEY = "taos.parent-key";
    static final String ARCH = "taos.arch";
    static final String CACHED = "taos.cached";
    static final String FILES = "taos.files";
    static final String TRIM = "taos.trim";
    /** Builders are named for their layer so the next build finds (and removes) what a killed one left behind. */
    public static final String BUILDER_PREFIX = "taos-build-";

    private ImageCache() {}

    /** The requested layers (every declared one when none is named) and their ancestors, ancestors first, each once. */
    public static List<Layer> buildOrder(Map<String, Layer> declared, List<String> requested) {
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : requested.isEmpty() ? declared.keySet() : requested) {
            if (!declared.containsKey(name)) {
                throw new IllegalArgumentException(
                        "there is no layer \"" + name + "\"; the layers are: " + String.join(", ", declared.keySet()));
            }
            visit(declared, name, ordered, new LinkedHashSet<>());
        }
        return ordered.stream().map(declared::get).toList();
    }

    private static void visit(Map<String, Layer> declared, String name, Set<String> ordered, Set<String> path) {
        if (!path.add(name)) {
            throw new IllegalArgumentException(
                    "the layers' parents go round in a circle: " + String.join(" -> ", path) + " -> " + name);
        }
        String parent = declared.get(name).parent();
        if (declared.containsKey(parent)) {
            visit(declared, parent, ordered, path);
        }
        ordered.add(name);
        path.remove(name);
    }

    /**
     * Where each layer of {@link #buildOrder} stands; {@code fileHashes} are the SHA-256 of the host files, by host
     * path.
     */
    public static List<LayerState> states(
            Map<String, Layer> declared,
            List<String> requested,
            List<CachedImage> images,
            String arch,
            Map<String, String> fileHashes) {
        Map<String, LayerState> byName = new HashMap<>();
        List<LayerState> states = new ArrayList<>();
        for (Layer layer : buildOrder(declared, requested)) {
            LayerState state = state(layer, byName.get(layer.parent()), images, arch, fileHashes);
            byName.put(layer.name(), state);
            states.add(state);
        }
        return states;
    }

    private static LayerState state(
            Layer layer,
            LayerState parentLayer,
            List<CachedImage> images,
            String arch,
            Map<String, String> fileHashes) {
        String parentKey;
        String from;
        if (parentLayer == null) {
            Optional<CachedImage> parent = withAlias(images, layer.parent());
            if (parent.isEmpty()) {
                return new LayerState.Blocked(
                        layer, "its parent image " + layer.parent() + " is not in the image store");
            }
            parentKey = parent.get().fingerprint();
            from = layer.parent();
        } else if (parentLayer instanceof LayerState.Blocked blocked) {
            return new LayerState.Blocked(
                    layer, "its parent layer " + layer.parent() + " cannot be built: " + blocked.why());
        } else {
            parentKey = key(parentLayer).key();
            from = parentLayer.layer().alias();
        }
        LayerKey key = LayerKey.of(layer, parentKey, arch, fileHashes);
        Optional<CachedImage> current = withAlias(images, layer.alias());
        if (current.isPresent() && key.key().equals(current.get().properties().get(KEY))) {
            return new LayerState.Current(layer, key, current.get().fingerprint());
        }
        Optional<CachedImage> cached = images.stream()
                .filter(i -> key.key().equals(i.properties().get(KEY)))
                .findFirst();
        if (cached.isPresent()) {
            return new LayerState.Cached(layer, key, cached.get().fingerprint());
        }
        return new LayerState.Stale(
                layer,
                key,
                current.map(image -> changed(image.properties(), key)).orElse("not built yet"),
                from);
    }

    private static LayerKey key(LayerState state) {
        if (state instanceof LayerState.Current current) {
            return current.key();
        }
        if (state instanceof LayerState.Cached cached) {
            return cached.key();
        }
        return ((LayerState.Stale) state).key();
    }

    /** Each input of a key: the image property that records it, how a rebuild names it, and its value. */
    private record Input(String property, String label, Function<LayerKey.Inputs, String> value) {}

    private static final List<Input> INPUTS = List.of(
            new Input(PARENT_KEY, "parent", LayerKey.Inputs::parentKey),
            new Input(CACHED, "cached script", LayerKey.Inputs::cached),
            new Input(FILES, "files", LayerKey.Inputs::files),
            new Input(TRIM, "trim profile", LayerKey.Inputs::trim),
            new Input(ARCH, "arch", LayerKey.Inputs::arch));

    /** Which inputs differ from those of the image the alias points at now. */
    private static String changed(Map<String, String> was, LayerKey now) {
        List<String> what = INPUTS.stream()
                .filter(input -> !input.value().apply(now.inputs()).equals(was.get(input.property())))
                .map(Input::label)
                .toList();
        return what.isEmpty() ? "its key changed" : "its " + String.join(", ", what) + " changed";
    }

    /** How to launch an agent from {@code layer}: its cached image, or the build path when it is not cached yet. */
    public static LaunchPath launchPath(
            Map<String, Layer> declared,
            String layer,
            List<CachedImage> images,
            String arch,
            Map<String, String> fileHashes) {
        return LaunchPath.of(states(declared, List.of(layer), images, arch, fileHashes));
    }

    /** The properties a published layer carries: its name, key and the hash of each input. */
    public static Map<String, String> properties(Layer layer, LayerKey key) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of(LAYER, layer.name(), KEY, key.key()));
        INPUTS.forEach(input -> properties.put(input.property(), input.value().apply(key.inputs())));
        return properties;
    }

    public static String builderName(Layer layer) {
        return BUILDER_PREFIX + layer.name();
    }

    static Optional<CachedImage> withAlias(List<CachedImage> images, String alias) {
        return images.stream().filter(i -> i.aliases().contains(alias)).findFirst();
    }
}

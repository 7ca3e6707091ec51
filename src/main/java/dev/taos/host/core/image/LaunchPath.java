package dev.taos.host.core.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How {@code image launch} makes an agent: from the layer's cached image, or by the build path so it never waits for
 * the cache.
 */
public sealed interface LaunchPath {

    Layer layer();

    /** The layer is cached: launch its image, run only the run preflight. */
    record Warm(Layer layer, String image) implements LaunchPath {}

    /**
     * The layer (or an ancestor) is not cached: launch {@code from} (the nearest cached ancestor, or the root's parent
     * image), then copy in the files and run the cached script of each layer of {@code build}, then the run preflight.
     */
    record Cold(Layer layer, String from, List<Layer> build, String why) implements LaunchPath {
        public Cold {
            build = List.copyOf(build);
        }
    }

    record Blocked(Layer layer, String why) implements LaunchPath {}

    /**
     * {@code chain}: the states of a layer and its ancestors, ancestors first, as {@link ImageCache#states} gives them.
     */
    static LaunchPath of(List<LayerState> chain) {
        LayerState target = chain.get(chain.size() - 1);
        if (target instanceof LayerState.Current current) {
            return new Warm(target.layer(), current.fingerprint());
        }
        if (target instanceof LayerState.Cached cached) {
            return new Warm(target.layer(), cached.fingerprint());
        }
        if (target instanceof LayerState.Blocked blocked) {
            return new Blocked(target.layer(), blocked.why());
        }
        List<Layer> build = new ArrayList<>();
        String from = chain.get(0).layer().parent();
        for (int i = chain.size() - 1; i >= 0; i--) {
            LayerState state = chain.get(i);
            if (state instanceof LayerState.Current current) {
                from = current.fingerprint();
                break;
            }
            if (state instanceof LayerState.Cached cached) {
                from = cached.fingerprint();
                break;
            }
            build.add(state.layer());
        }
        Collections.reverse(build);
        return new Cold(
                target.layer(),
                from,
                build,
                target.layer().name() + " is not cached: " + ((LayerState.Stale) target).why());
    }
}

package dev.taos.host.core.image;

/** Where a declared layer stands in the image cache, as {@link ImageCache#states} finds it. */
public sealed interface LayerState {

    Layer layer();

    /** A hit: the layer's alias points at an image with this key. */
    record Current(Layer layer, LayerKey key, String fingerprint) implements LayerState {}

    /**
     * A hit: an image with this key is cached (an earlier build, or one whose alias move was interrupted); only the
     * alias moves.
     */
    record Cached(Layer layer, LayerKey key, String fingerprint) implements LayerState {}

    /**
     * A miss: no image has this key; {@code why} says which input changed, {@code from} is the image the build
     * launches.
     */
    record Stale(Layer layer, LayerKey key, String why, String from) implements LayerState {}

    /**
     * Cannot be built now: its parent image is not there (the base image is still downloading, or the alias is wrong).
     */
    record Blocked(Layer layer, String why) implements LayerState {}

    default boolean hit() {
        return this instanceof Current || this instanceof Cached;
    }
}

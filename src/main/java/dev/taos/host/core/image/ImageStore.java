package dev.taos.host.core.image;

import dev.taos.host.core.facts.IncusFacts.CachedImage;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.Project;
import java.util.List;

/**
 * What the image cache reads of a host, and nothing more (a deploy does not pay for a full probe): the images with
 * their properties, the instances (names and the image each was made from; empty where the command does not need them),
 * and the arch.
 */
public record ImageStore(List<CachedImage> images, List<Instance> instances, String arch) {

    public ImageStore {
        images = List.copyOf(images);
        instances = List.copyOf(instances);
    }

    /**
     * The build cache: the default project's images, where layers are built and their aliases move. A copy of a layer
     * published for the app in its own project carries the same key, but is that project's.
     */
    public List<CachedImage> cache() {
        return images.stream().filter(i -> i.in(Project.DEFAULT)).toList();
    }

    /** Whether {@code alias} names an image of the build cache. */
    public boolean cached(String alias) {
        return ImageCache.withAlias(cache(), alias).isPresent();
    }

    public boolean hasInstance(String name) {
        return instances.stream().anyMatch(i -> i.name().equals(name));
    }
}

package dev.taos.host.core.image;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.facts.IncusFacts.CachedImage;
import dev.taos.host.core.facts.Instance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which cached layer images {@code image prune} removes: built layers that no alias points at and no instance of any
 * project was made from, beyond the {@code keep} newest of each layer in each project (kept so that undoing a change to
 * a layer is a hit, not a build; a layer published for the taOS app has copies in its project too). An image with any
 * alias is never removed: the current image of every layer has one, and so has whatever the operator named.
 */
public final class CachePrune {

    public static final int DEFAULT_KEEP = 1;

    private CachePrune() {}

    public record Kept(CachedImage image, String why) {}

    public record Decision(List<CachedImage> remove, List<Kept> kept) {}

    /** The one change prune makes for an image it removes. */
    public static Command removal(CachedImage image) {
        return Incus.imageDelete(image.fingerprint()).inProject(image.project());
    }

    public static Decision decide(List<CachedImage> images, List<Instance> instances, int keep) {
        Set<String> inUse = instances.stream()
                .map(Instance::baseImage)
                .filter(f -> !f.isEmpty())
                .collect(Collectors.toSet());
        Map<String, List<CachedImage>> byLayer = images.stream()
                .filter(i -> i.properties().containsKey(ImageCache.LAYER))
                .sorted(Comparator.comparing(CachedImage::createdAt).reversed())
                .collect(Collectors.groupingBy(
                        i -> i.project() + "/" + i.properties().get(ImageCache.LAYER),
                        java.util.TreeMap::new,
                        Collectors.toList()));
        List<CachedImage> remove = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (List<CachedImage> layerImages : byLayer.values()) {
            int spare = keep;
            for (CachedImage image : layerImages) {
                if (!image.aliases().isEmpty()) {
                    kept.add(new Kept(image, "current (" + String.join(", ", image.aliases()) + ")"));
                } else if (inUse.contains(image.fingerprint())) {
                    kept.add(new Kept(image, "instances were made from it"));
                } else if (spare > 0) {
                    spare--;
                    kept.add(new Kept(image, "one of the " + keep + " newest earlier builds kept (--keep)"));
                } else {
                    remove.add(image);
                }
            }
        }
        return new Decision(remove, kept);
    }
}

package dev.taos.host.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taos.host.core.facts.IncusFacts.CachedImage;
import dev.taos.host.core.facts.Instance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachePruneTest {

    private static CachedImage layer(String fingerprint, String created, String... aliases) {
        return ImageCacheTest.image(
                fingerprint.repeat(64 / fingerprint.length()),
                List.of(aliases),
                Map.of(ImageCache.LAYER, "agent", ImageCache.KEY, fingerprint),
                created);
    }

    private static Instance madeFrom(CachedImage image) {
        return new Instance(
                "agent-1",
                "default",
                "container",
                "Running",
                "default",
                false,
                false,
                1,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                image.fingerprint(),
                "");
    }

    /** A layer published for the app has copies in its project: each project keeps its own newest earlier build. */
    @Test
    void eachProjectKeepsItsOwnNewestEarlierBuild() {
        CachedImage oldCopy = inProject(layer("f", "2026-03-01"), "user-990");
        CachedImage olderCopy = inProject(layer("g", "2026-02-01"), "user-990");
        CachedImage stale = layer("c", "2026-04-01");
        var decision = CachePrune.decide(List.of(stale, oldCopy, olderCopy), List.of(), 1);
        assertEquals(List.of(olderCopy), decision.remove());
        assertEquals(
                List.of(stale, oldCopy),
                decision.kept().stream().map(CachePrune.Kept::image).toList());
    }

    private static CachedImage inProject(CachedImage image, String project) {
        return new CachedImage(
                image.fingerprint(),
                project,
                image.aliases(),
                image.architecture(),
                image.sizeBytes(),
                image.properties(),
                image.createdAt(),
                image.lastUsedAt());
    }

    @Test
    void removesOnlyStaleUnusedImagesBeyondTheNewestKept() {
        CachedImage current = layer("a", "2026-05-01", "taos/agent");
        CachedImage used = layer("b", "2026-01-01");
        CachedImage newerStale = layer("c", "2026-04-01");
        CachedImage olderStale = layer("d", "2026-03-01");
        CachedImage oldest = layer("e", "2026-02-01");
        List<CachedImage> images = List.of(ImageCacheTest.BASE, oldest, current, olderStale, used, newerStale);

        var keepOne = CachePrune.decide(images, List.of(madeFrom(used)), 1);
        assertEquals(List.of(olderStale, oldest), keepOne.remove());
        assertEquals(
                List.of(current, newerStale, used),
                keepOne.kept().stream().map(CachePrune.Kept::image).toList());

        var keepNone = CachePrune.decide(images, List.of(madeFrom(used)), 0);
        assertEquals(List.of(newerStale, olderStale, oldest), keepNone.remove());
        assertEquals(
                List.of("current (taos/agent)", "instances were made from it"),
                keepNone.kept().stream().map(CachePrune.Kept::why).toList());
    }

    @Test
    void imagesThatAreNotLayersAreNeverCandidates() {
        assertEquals(
                List.of(),
                CachePrune.decide(
                                List.of(
                                        ImageCacheTest.BASE,
                                        ImageCacheTest.image("9".repeat(64), List.of(), Map.of(), "")),
                                List.of(),
                                0)
                        .remove());
    }
}

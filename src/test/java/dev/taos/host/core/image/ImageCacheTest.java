package dev.taos.host.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.core.facts.IncusFacts.CachedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ImageCacheTest {

    static final String BASE_FINGERPRINT = "f45c76a8e0edc844ccac78efc1c6a7f75103b41948a272c0b6d878f66fbfd55a";
    static final CachedImage BASE = image(BASE_FINGERPRINT, List.of("busybox"), Map.of(), "2026-01-01T00:00:00Z");
    static final Map<String, String> FILES = Map.of("/etc/layers/conf.json", "aa11");

    static Map<String, Layer> declared(UnaryOperator<Layer> framework, UnaryOperator<Layer> agent) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        layers.put(
                "agent",
                agent.apply(new Layer(
                        "agent",
                        "framework",
                        "echo env > /opt/env",
                        "hostname > /opt/me",
                        Map.of(),
                        Layer.Trim.standard())));
        layers.put(
                "framework",
                framework.apply(new Layer(
                        "framework",
                        "busybox",
                        "echo install",
                        "",
                        Map.of("/opt/conf.json", "/etc/layers/conf.json"),
                        Layer.Trim.standard())));
        return layers;
    }

    static CachedImage image(String fingerprint, List<String> aliases, Map<String, String> properties, String created) {
        return new CachedImage(fingerprint, aliases, "x86_64", 1, properties, created, "");
    }

    /** The images a first build leaves: each layer published with its properties, its alias pointing at it. */
    static List<CachedImage> built(Map<String, Layer> layers) {
        List<LayerState> states = ImageCache.states(layers, List.of(), List.of(BASE), "x86_64", FILES);
        List<CachedImage> images = new java.util.ArrayList<>(List.of(BASE));
        for (LayerState state : states) {
            LayerKey key = ((LayerState.Stale) state).key();
            images.add(image(
                    key.key().substring(0, 8) + "f".repeat(56),
                    List.of(state.layer().alias()),
                    ImageCache.properties(state.layer(), key),
                    "2026-02-01T00:00:00Z"));
        }
        return images;
    }

    private static Map<String, LayerState> states(
            Map<String, Layer> layers, List<CachedImage> images, Map<String, String> files) {
        Map<String, LayerState> byName = new LinkedHashMap<>();
        ImageCache.states(layers, List.of(), images, "x86_64", files)
                .forEach(s -> byName.put(s.layer().name(), s));
        return byName;
    }

    @Test
    void ancestorsAreBuiltFirstAndOnce() {
        var order = ImageCache.buildOrder(declared(l -> l, l -> l), List.of("agent", "framework"));
        assertEquals(
                List.of("framework", "agent"), order.stream().map(Layer::name).toList());
    }

    @Test
    void anUnknownLayerOrACircleOfParentsIsRefusedWithTheNames() {
        var unknown = assertThrows(
                IllegalArgumentException.class,
                () -> ImageCache.buildOrder(declared(l -> l, l -> l), List.of("hermes")));
        assertEquals("there is no layer \"hermes\"; the layers are: agent, framework", unknown.getMessage());
        var circle = assertThrows(
                IllegalArgumentException.class,
                () -> ImageCache.buildOrder(
                        declared(l -> new Layer(l.name(), "agent", l.cached(), l.run(), l.files(), l.trim()), l -> l),
                        List.of()));
        assertEquals("the layers' parents go round in a circle: agent -> framework -> agent", circle.getMessage());
    }

    @Test
    void nothingChangedIsAHitForEveryLayer() {
        var layers = declared(l -> l, l -> l);
        states(layers, built(layers), FILES)
                .values()
                .forEach(s -> assertInstanceOf(LayerState.Current.class, s, s.toString()));
    }

    /** The invalidation matrix: what each change rebuilds. */
    @Test
    void aChangedInputRebuildsItsLayerAndItsDescendantsOnly() {
        var original = declared(l -> l, l -> l);
        var images = built(original);
        assertRebuilds(
                images,
                declared(l -> l, l -> withCached(l, "echo env2")),
                FILES,
                List.of("agent"),
                "its cached script changed");
        assertRebuilds(
                images,
                declared(l -> withCached(l, "echo install v2"), l -> l),
                FILES,
                List.of("framework", "agent"),
                "cached script");
        assertRebuilds(
                images,
                declared(l -> l, l -> l),
                Map.of("/etc/layers/conf.json", "bb22"),
                List.of("framework", "agent"),
                "files");
        assertRebuilds(
                images,
                declared(l -> l, l -> withTrim(l, Layer.Trim.none())),
                FILES,
                List.of("agent"),
                "its trim profile changed");
        assertRebuilds(
                images,
                declared(
                        l -> withTrim(
                                l, new Layer.Trim(List.of(TrimRule.values()), List.of("C", "de_DE.UTF-8"), List.of())),
                        l -> l),
                FILES,
                List.of("framework", "agent"),
                "trim profile");
        List<CachedImage> newBase = images.stream()
                .map(i -> i == BASE ? image("9".repeat(64), List.of("busybox"), Map.of(), "") : i)
                .toList();
        var rebased = states(original, newBase, FILES);
        assertEquals("its parent changed", ((LayerState.Stale) rebased.get("framework")).why());
        assertInstanceOf(LayerState.Stale.class, rebased.get("agent"));
    }

    @Test
    void aChangedRunScriptRebuildsNothing() {
        var images = built(declared(l -> l, l -> l));
        var changed =
                declared(l -> l, l -> new Layer(l.name(), l.parent(), l.cached(), "echo other", l.files(), l.trim()));
        states(changed, images, FILES).values().forEach(s -> assertInstanceOf(LayerState.Current.class, s));
    }

    @Test
    void theSameInputsGiveTheSameKeyWhereverTheHostFileLives() {
        Layer here = new Layer(
                "x", "busybox", "true", "", Map.of("/a", "/etc/one", "/b", "/etc/two"), Layer.Trim.standard());
        Layer there = new Layer(
                "x", "busybox", "true", "", Map.of("/b", "/srv/two", "/a", "/srv/one"), Layer.Trim.standard());
        String key = LayerKey.of(here, BASE_FINGERPRINT, "x86_64", Map.of("/etc/one", "1", "/etc/two", "2"))
                .key();
        assertEquals(
                key,
                LayerKey.of(there, BASE_FINGERPRINT, "x86_64", Map.of("/srv/one", "1", "/srv/two", "2"))
                        .key());
        assertNotEquals(
                key,
                LayerKey.of(here, BASE_FINGERPRINT, "aarch64", Map.of("/etc/one", "1", "/etc/two", "2"))
                        .key());
        assertNotEquals(
                key,
                LayerKey.of(here, BASE_FINGERPRINT, "x86_64", Map.of("/etc/one", "2", "/etc/two", "1"))
                        .key(),
                "contents swapped");
    }

    /**
     * A taos-host whose rule removes more (the same rule name, another script) does not serve layers trimmed the old
     * way as current.
     */
    @Test
    void aTrimRuleCountsByWhatItRunsNotByItsName() {
        Layer layer =
                declared(UnaryOperator.identity(), UnaryOperator.identity()).get("framework");
        Map<String, String> files = Map.of("/etc/layers/conf.json", "aa11");
        LayerKey now = LayerKey.of(layer, BASE_FINGERPRINT, "x86_64", files, TrimRule::script);
        assertEquals(now, LayerKey.of(layer, BASE_FINGERPRINT, "x86_64", files));
        LayerKey widened = LayerKey.of(
                layer,
                BASE_FINGERPRINT,
                "x86_64",
                files,
                (rule, trim) -> rule == TrimRule.DOCS
                        ? rule.script(trim).replace(" ! -name copyright", "")
                        : rule.script(trim));
        assertNotEquals(now.key(), widened.key());
        assertNotEquals(now.inputs().trim(), widened.inputs().trim(), "the trim input says what changed");
        assertEquals(now.inputs().cached(), widened.inputs().cached());
    }

    @Test
    void anImageWithTheKeyButNoAliasIsAHitThatOnlyMovesTheAlias() {
        var layers = declared(l -> l, l -> l);
        List<CachedImage> unaliased = built(layers).stream()
                .map(i -> i.properties().containsKey(ImageCache.KEY)
                        ? image(i.fingerprint(), List.of(), i.properties(), i.createdAt())
                        : i)
                .toList();
        var found = states(layers, unaliased, FILES);
        assertInstanceOf(LayerState.Cached.class, found.get("framework"));
        assertTrue(found.get("agent").hit());
    }

    @Test
    void aMissingParentImageBlocksTheLayerAndItsDescendants() {
        var found = states(declared(l -> l, l -> l), List.of(), FILES);
        assertEquals(
                "its parent image busybox is not in the image store",
                ((LayerState.Blocked) found.get("framework")).why());
        assertTrue(((LayerState.Blocked) found.get("agent"))
                .why()
                .startsWith("its parent layer framework cannot be built"));
    }

    @Test
    void launchIsWarmWhenCachedAndTakesTheBuildPathFromTheNearestCachedAncestorOtherwise() {
        var layers = declared(l -> l, l -> l);
        var images = built(layers);
        var warm = assertInstanceOf(
                LaunchPath.Warm.class, ImageCache.launchPath(layers, "agent", images, "x86_64", FILES));
        assertEquals(((LayerState.Current) states(layers, images, FILES).get("agent")).fingerprint(), warm.image());

        var agentChanged = declared(l -> l, l -> withCached(l, "echo env2"));
        var cold = assertInstanceOf(
                LaunchPath.Cold.class, ImageCache.launchPath(agentChanged, "agent", images, "x86_64", FILES));
        assertEquals(((LayerState.Current) states(layers, images, FILES).get("framework")).fingerprint(), cold.from());
        assertEquals(List.of("agent"), cold.build().stream().map(Layer::name).toList());

        var fresh = assertInstanceOf(
                LaunchPath.Cold.class, ImageCache.launchPath(layers, "agent", List.of(BASE), "x86_64", FILES));
        assertEquals("busybox", fresh.from());
        assertEquals(
                List.of("framework", "agent"),
                fresh.build().stream().map(Layer::name).toList());
        assertEquals("agent is not cached: not built yet", fresh.why());

        assertInstanceOf(LaunchPath.Blocked.class, ImageCache.launchPath(layers, "agent", List.of(), "x86_64", FILES));
    }

    private static void assertRebuilds(
            List<CachedImage> images,
            Map<String, Layer> changed,
            Map<String, String> files,
            List<String> rebuilt,
            String why) {
        var found = states(changed, images, files);
        found.forEach((name, state) -> assertEquals(
                rebuilt.contains(name), state instanceof LayerState.Stale, name + " after " + why + ": " + state));
        assertTrue(
                ((LayerState.Stale) found.get(rebuilt.get(0))).why().contains(why),
                found.get(rebuilt.get(0)).toString());
    }

    private static Layer withCached(Layer l, String cached) {
        return new Layer(l.name(), l.parent(), cached, l.run(), l.files(), l.trim());
    }

    private static Layer withTrim(Layer l, Layer.Trim trim) {
        return new Layer(l.name(), l.parent(), l.cached(), l.run(), l.files(), trim);
    }
}

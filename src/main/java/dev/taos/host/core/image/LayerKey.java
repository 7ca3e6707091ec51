package dev.taos.host.core.image;

import dev.taos.host.core.Hashing;
import java.util.Map;

/**
 * A layer's content key: the SHA-256 of everything its image is made from, written canonically (each value
 * length-prefixed, files sorted by path), so the same inputs give the same key on any host. The run script is not part
 * of it: changing what runs at launch rebuilds nothing.
 */
public record LayerKey(String key, Inputs inputs) {

    static final String FORMAT = "taos-layer-key/1";

    /** What went into a key, kept on the published image so a rebuild can say which input changed. */
    public record Inputs(String parentKey, String arch, String cached, String files, String trim) {
    }

    /** {@code fileHashes}: the SHA-256 of each host file the layer copies in, by host path. */
    public static LayerKey of(Layer layer, String parentKey, String arch, Map<String, String> fileHashes) {
        StringBuilder files = new StringBuilder();
        layer.files().forEach((inImage, onHost) -> field(files, "file", inImage + "\n" + fileHashes.get(onHost)));
        StringBuilder trim = new StringBuilder();
        layer.trim().rules().forEach(rule -> field(trim, "rule", rule.id()));
        layer.trim().keepLocales().forEach(locale -> field(trim, "keep-locale", locale));
        layer.trim().nodeApps().forEach(app -> field(trim, "node-app", app));
        Inputs inputs = new Inputs(parentKey, arch, Hashing.sha256(layer.cached()), Hashing.sha256(files.toString()), Hashing.sha256(trim.toString()));
        StringBuilder canonical = new StringBuilder(FORMAT).append('\n');
        field(canonical, "parent", inputs.parentKey());
        field(canonical, "arch", inputs.arch());
        field(canonical, "cached", inputs.cached());
        field(canonical, "files", inputs.files());
        field(canonical, "trim", inputs.trim());
        return new LayerKey(Hashing.sha256(canonical.toString()), inputs);
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(' ').append(value.length()).append(':').append(value).append('\n');
    }
}

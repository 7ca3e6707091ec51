package dev.taos.host.core.image;

import dev.taos.host.core.Hashing;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A layer's content key: the SHA-256 of everything its image is made from, written canonically (each value
 * length-prefixed, files sorted by path), so the same inputs give the same key on any host. A trim rule counts by what
 * it runs (its script, as BuildKit keys a step by its definition), not by its name, so a taos-host whose rule removes
 * more rebuilds the layers the old rule trimmed. The run script is not part of it: changing what runs at launch
 * rebuilds nothing.
 */
public record LayerKey(String key, Inputs inputs) {

    /** Version 2: trim rules by their scripts (version 1 keyed them by name). */
    static final String FORMAT = "taos-layer-key/2";

    /** What went into a key, kept on the published image so a rebuild can say which input changed. */
    public record Inputs(String parentKey, String arch, String cached, String files, String trim) {}

    /** {@code fileHashes}: the SHA-256 of each host file the layer copies in, by host path. */
    public static LayerKey of(Layer layer, String parentKey, String arch, Map<String, String> fileHashes) {
        return of(layer, parentKey, arch, fileHashes, TrimRule::script);
    }

    /** {@code script}: what each trim rule runs for the layer's trim settings. */
    static LayerKey of(
            Layer layer,
            String parentKey,
            String arch,
            Map<String, String> fileHashes,
            BiFunction<TrimRule, Layer.Trim, String> script) {
        StringBuilder files = new StringBuilder();
        layer.files().forEach((inImage, onHost) -> field(files, "file", inImage + "\n" + fileHashes.get(onHost)));
        StringBuilder trim = new StringBuilder();
        layer.trim().rules().forEach(rule -> field(trim, "rule", rule.id() + "\n" + script.apply(rule, layer.trim())));
        layer.trim().keepLocales().forEach(locale -> field(trim, "keep-locale", locale));
        layer.trim().nodeApps().forEach(app -> field(trim, "node-app", app));
        Inputs inputs = new Inputs(
                parentKey,
                arch,
                Hashing.sha256(layer.cached()),
                Hashing.sha256(files.toString()),
                Hashing.sha256(trim.toString()));
        StringBuilder canonical = new StringBuilder(FORMAT).append('\n');
        field(canonical, "parent", inputs.parentKey());
        field(canonical, "arch", inputs.arch());
        field(canonical, "cached", inputs.cached());
        field(canonical, "files", inputs.files());
        field(canonical, "trim", inputs.trim());
        return new LayerKey(Hashing.sha256(canonical.toString()), inputs);
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name)
                .append(' ')
                .append(value.length())
                .append(':')
                .append(value)
                .append('\n');
    }
}

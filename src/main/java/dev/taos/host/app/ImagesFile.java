package dev.taos.host.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.taos.host.core.image.Layer;
import dev.taos.host.core.image.TrimRule;
import dev.taos.host.core.plan.Names;
import dev.taos.host.probe.ManagedFilesProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The image layers file ({@code /etc/taos-host/images.yaml}): YAML, versioned, bound as strictly as the answers file.
 */
public final class ImagesFile {

    public static final int VERSION = 1;
    private static final String NAME = "[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?";
    private static final String WHAT = "the image layers file";

    record Declared(
            @JsonProperty("version") Integer version,
            @JsonProperty("layers") LinkedHashMap<String, Declared.Entry> layers) {
        record Entry(
                @JsonProperty("parent") String parent,
                @JsonProperty("cached") String cached,
                @JsonProperty("run") String run,
                @JsonProperty("files") Map<String, String> files,

                @JsonProperty("trim") @JsonDeserialize(using = Rules.class)
                List<TrimRule> trim,

                @JsonProperty("keep-locales") List<String> keepLocales,
                @JsonProperty("node-apps") List<String> nodeApps,
                @JsonProperty("publish") Publish publish) {}

        /** publish: {alias: taos-hermes-base, project: app}; the project defaults to the app's. */
        record Publish(
                @JsonProperty("alias") String alias,
                @JsonProperty("project") String project) {}
    }

    private ImagesFile() {}

    /** The declared layers by name, in the file's order; host file paths are resolved against the file's directory. */
    public static Map<String, Layer> read(Path file) {
        Declared declared =
                StrictYaml.read(file, Declared.class, WHAT, "Write one as docs/image-cache.md shows, or give --file");
        if (declared == null || declared.version() == null) {
            throw StrictYaml.problem(WHAT, file, "\"version\" is missing. Add version: " + VERSION + " at the top");
        }
        if (declared.version() != VERSION) {
            throw StrictYaml.problem(
                    WHAT,
                    file,
                    "version " + declared.version() + " is not one this taos-host reads (it reads version " + VERSION
                            + ")");
        }
        if (declared.layers() == null || declared.layers().isEmpty()) {
            throw StrictYaml.problem(WHAT, file, "it declares no layers. Add them under \"layers:\"");
        }
        Map<String, Layer> layers = new LinkedHashMap<>();
        Path base = file.toAbsolutePath().getParent();
        declared.layers().forEach((name, entry) -> layers.put(name, layer(file, base, name, entry)));
        return layers;
    }

    private static Layer layer(Path file, Path base, String name, Declared.Entry entry) {
        String at = "layer \"" + name + "\": ";
        if (!name.matches(NAME)) {
            throw StrictYaml.problem(
                    WHAT,
                    file,
                    at
                            + "a layer name is 1-40 lower-case letters, digits and hyphens (it names an alias and a "
                            + "builder)");
        }
        if (entry == null || entry.parent() == null || entry.parent().isBlank()) {
            throw StrictYaml.problem(
                    WHAT,
                    file,
                    at + "\"parent\" is missing. Name a layer or an image alias, e.g. parent: taos-openclaw-base");
        }
        if (entry.parent().equals(name)) {
            throw StrictYaml.problem(WHAT, file, at + "a layer cannot be its own parent");
        }
        Map<String, String> files = new TreeMap<>();
        for (var f : (entry.files() == null ? Map.<String, String>of() : entry.files()).entrySet()) {
            if (!f.getKey().startsWith("/")
                    || f.getValue() == null
                    || f.getValue().isBlank()) {
                throw StrictYaml.problem(
                        WHAT,
                        file,
                        at + "each file is an absolute path in the image and the host file it comes from; \""
                                + f.getKey() + "\" is not");
            }
            files.put(f.getKey(), base.resolve(f.getValue()).normalize().toString());
        }
        List<TrimRule> rules = entry.trim() == null ? List.of(TrimRule.values()) : entry.trim();
        List<String> locales = entry.keepLocales() == null ? Layer.Trim.DEFAULT_LOCALES : entry.keepLocales();
        List<String> apps = entry.nodeApps() == null ? List.of() : entry.nodeApps();
        return new Layer(
                name,
                entry.parent(),
                orEmpty(entry.cached()),
                orEmpty(entry.run()),
                files,
                new Layer.Trim(rules, locales, apps),
                Optional.ofNullable(entry.publish()).map(p -> publish(file, at, p)));
    }

    /** An alias Incus takes (not one of the build cache's own) and "app" or a project name. */
    private static Layer.Publish publish(Path file, String at, Declared.Publish publish) {
        String alias = publish.alias();
        if (alias == null
                || !alias.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")
                || alias.startsWith(Layer.ALIAS_PREFIX)) {
            throw StrictYaml.problem(
                    WHAT,
                    file,
                    at + "publish needs an alias the app looks up, e.g. alias: taos-hermes-base (letters, digits, '.',"
                            + " '_' and '-'), not \"" + alias + "\"");
        }
        String project = publish.project() == null ? Layer.Publish.APP : publish.project();
        if (!project.equals(Layer.Publish.APP)) {
            try {
                Names.projectName(project);
            } catch (IllegalArgumentException e) {
                throw StrictYaml.problem(WHAT, file, at + "publish's project: " + e.getMessage());
            }
        }
        return new Layer.Publish(alias, project);
    }

    /** The SHA-256 of every host file the layers copy in, by host path: part of their keys. */
    public static Map<String, String> fileHashes(Iterable<Layer> layers) {
        Map<String, String> hashes = new TreeMap<>();
        for (Layer layer : layers) {
            for (var f : layer.files().entrySet()) {
                if (!hashes.containsKey(f.getValue())) {
                    hashes.put(f.getValue(), hash(layer, f.getKey(), Path.of(f.getValue())));
                }
            }
        }
        return hashes;
    }

    private static String hash(Layer layer, String inImage, Path onHost) {
        try {
            return ManagedFilesProbe.sha256OrFail(onHost);
        } catch (IOException e) {
            throw new InvalidInput("Failed to read " + onHost + " (layer " + layer.name() + "'s " + inImage + "): "
                    + e.getMessage() + ". Fix the path in the image layers file, or create the file");
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** trim: standard, none, or a list of rule names. */
    static final class Rules extends JsonDeserializer<List<TrimRule>> {
        @Override
        public List<TrimRule> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            List<String> names = new ArrayList<>();
            if (node.isTextual() && node.asText().equals("standard")) {
                return List.of(TrimRule.values());
            } else if (node.isTextual() && node.asText().equals("none")) {
                return List.of();
            } else if (node.isArray()) {
                node.forEach(n -> names.add(n.asText()));
            } else {
                throw context.weirdStringException(
                        node.toString(), List.class, "it is standard, none, or a list of rule names");
            }
            List<TrimRule> rules = new ArrayList<>();
            for (String name : names) {
                try {
                    rules.add(TrimRule.byId(name));
                } catch (IllegalArgumentException e) {
                    throw context.weirdStringException(name, TrimRule.class, e.getMessage());
                }
            }
            return rules;
        }
    }
}

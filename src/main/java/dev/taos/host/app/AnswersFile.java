package dev.taos.host.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.taos.host.apply.AtomicFiles;
import dev.taos.host.core.plan.ByteSize;
import dev.taos.host.core.plan.DriverChoice;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.Names;
import dev.taos.host.core.plan.StopPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answers file: the flags of {@code plan} and {@code setup} as YAML or JSON, versioned, read strictly. Unknown keys,
 * wrong types and bad values are refused with the key and line; the wizard writes exactly this format.
 */
public final class AnswersFile {

    public static final int VERSION = 1;

    /** The keys, spelled as the flags are. */
    public enum Key {
        VERSION("version"), DRIVER("driver"), POOL("pool"), SIZE("size"), SOURCE("source"), MIGRATE("migrate"),
        STOP_TIMEOUT("stop-timeout"), FORCE_STOP("force-stop"), FETCH_BASE_IMAGE("fetch-base-image"), POOL_AUTOGROW("pool-autogrow");

        final String text;

        Key(String text) {
            this.text = text;
        }

        static String all() {
            return Arrays.stream(values()).map(k -> k.text).collect(Collectors.joining(", "));
        }
    }

    /** The file's values as the flags would carry them; null where the file leaves a key out. */
    public record Answers(String driver, String pool, String size, String source, String migrate, String stopTimeout, Boolean forceStop,
                   Boolean fetchBaseImage, Boolean poolAutoGrow) {
        public static Answers none() {
            return new Answers(null, null, null, null, null, null, null, null, null);
        }
    }

    private AnswersFile() {
    }

    public static Answers read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw problem(file, "there is no such file. Give the path of a file the wizard saved, or write one as README.md shows");
        } catch (IOException | RuntimeException e) {
            throw problem(file, "it cannot be read (" + e.getMessage() + "). Check the path and its permissions");
        }
        JsonFactory factory = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? new JsonFactory() : new YAMLFactory();
        try (JsonParser parser = factory.createParser(text)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return read(file, parser);
        } catch (JsonProcessingException e) {
            throw problem(file, line(e.getLocation()) + "it is not valid " + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage().lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                            .collect(Collectors.joining(", ")) + ". Fix the syntax there");
        } catch (IOException e) {
            throw problem(file, "it cannot be read (" + e.getMessage() + ")");
        }
    }

    private static Answers read(Path file, JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw problem(file, "it is empty. Start it with: version: " + VERSION);
        }
        if (token != JsonToken.START_OBJECT) {
            throw problem(file, line(parser.currentTokenLocation()) + "the top level must be keys with values (like version: " + VERSION
                    + "), not " + describe(token));
        }
        Map<Key, String> values = new LinkedHashMap<>();
        Map<Key, Boolean> flags = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String at = line(parser.currentTokenLocation());
            Key key = Arrays.stream(Key.values()).filter(k -> k.text.equals(name)).findFirst().orElseThrow(() -> problem(file,
                    at + "unknown key \"" + name + "\". The keys are: " + Key.all()));
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (key) {
                case FORCE_STOP, FETCH_BASE_IMAGE, POOL_AUTOGROW -> {
                    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                        throw problem(file, at + "\"" + name + "\" must be true or false, not " + describe(value) + quoted(parser, value));
                    }
                    flags.put(key, value == JsonToken.VALUE_TRUE);
                }
                case VERSION -> {
                    if (value != JsonToken.VALUE_NUMBER_INT) {
                        throw problem(file, at + "\"version\" must be the number " + VERSION + ", not " + describe(value) + quoted(parser, value));
                    }
                    values.put(key, parser.getText());
                }
                default -> {
                    boolean wholeNumber = (key == Key.SIZE || key == Key.STOP_TIMEOUT) && value == JsonToken.VALUE_NUMBER_INT;
                    if (value != JsonToken.VALUE_STRING && !wholeNumber) {
                        throw problem(file, at + "\"" + name + "\" must be text, not " + describe(value) + quoted(parser, value));
                    }
                    String checked = check(key, parser.getText());
                    if (checked != null) {
                        throw problem(file, at + "\"" + name + "\": " + checked);
                    }
                    values.put(key, parser.getText());
                }
            }
        }
        String version = values.get(Key.VERSION);
        if (version == null) {
            throw problem(file, "\"version\" is missing. Add version: " + VERSION + " at the top");
        }
        if (!version.equals(String.valueOf(VERSION))) {
            throw problem(file, "version " + version + " is not one this taos-host reads (it reads version " + VERSION
                    + "). Write it again with this taos-host's wizard");
        }
        if (values.containsKey(Key.SIZE) && values.containsKey(Key.SOURCE)) {
            throw problem(file, "\"size\" and \"source\" cannot both be given: a size is for a new loop file, a source is existing storage. Keep one");
        }
        return new Answers(values.get(Key.DRIVER), values.get(Key.POOL), values.get(Key.SIZE), values.get(Key.SOURCE), values.get(Key.MIGRATE),
                values.get(Key.STOP_TIMEOUT), flags.get(Key.FORCE_STOP), flags.get(Key.FETCH_BASE_IMAGE), flags.get(Key.POOL_AUTOGROW));
    }

    /** Why a value is not accepted, or null when it is; the same rules as the flags. */
    private static String check(Key key, String text) {
        try {
            switch (key) {
                case DRIVER -> DriverChoice.parse(text);
                case POOL -> {
                    return Names.poolNameProblem(text).orElse(null);
                }
                case SIZE -> ByteSize.parse(text);
                case MIGRATE -> MigrateSelection.parse(text);
                case STOP_TIMEOUT -> StopPolicy.parseSeconds(text);
                case SOURCE -> {
                    return text.isBlank() ? "it is empty; give a block device, a directory or a ZFS dataset, or leave the key out" : null;
                }
                default -> {
                    return null;
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The answers that make {@code request}, as YAML, with a comment saying how to replay them. */
    public static String render(InstallRequest request) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(Key.VERSION.text, VERSION);
        values.put(Key.DRIVER.text, request.driver().incusName());
        request.pool().ifPresent(p -> values.put(Key.POOL.text, p));
        request.size().ifPresent(s -> values.put(Key.SIZE.text, s.incusValue()));
        request.source().ifPresent(s -> values.put(Key.SOURCE.text, s));
        values.put(Key.MIGRATE.text, migrateText(request.migrate()));
        if (!(request.migrate() instanceof MigrateSelection.None) && !request.stop().equals(StopPolicy.defaults())) {
            values.put(Key.STOP_TIMEOUT.text, request.stop().timeoutText());
            values.put(Key.FORCE_STOP.text, request.stop().force());
        }
        request.units().fetchBaseImage().ifPresent(b -> values.put(Key.FETCH_BASE_IMAGE.text, b));
        request.units().poolAutoGrow().ifPresent(b -> values.put(Key.POOL_AUTOGROW.text, b));
        YAMLMapper yaml = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
        try {
            return "# taos-host answers. Replay on another host: sudo ./install.sh --unattended --answers FILE\n" + yaml.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to write the answers: " + e.getOriginalMessage(), e);
        }
    }

    public static void write(Path file, InstallRequest request) throws IOException {
        AtomicFiles.write(file.toAbsolutePath(), "0644", render(request));
    }

    public static String migrateText(MigrateSelection selection) {
        if (selection instanceof MigrateSelection.Named named) {
            return String.join(",", named.names());
        }
        return selection instanceof MigrateSelection.All ? "all" : "none";
    }

    private static String line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : "line " + location.getLineNr() + ": ";
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String quoted(JsonParser parser, JsonToken token) throws IOException {
        return token.isScalarValue() ? " (" + parser.getText() + ")" : "";
    }

    private static InvalidInput problem(Path file, String what) {
        return new InvalidInput("Failed to read the answers file " + file + ": " + what + ".");
    }
}

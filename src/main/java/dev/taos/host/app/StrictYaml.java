package dev.taos.host.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The files an operator writes (answers, image layers) are YAML (or JSON by extension), bound strictly by Jackson:
 * unknown keys, duplicate keys, wrong types and bad values are refused with the key and its line, never guessed at.
 */
final class StrictYaml {

    private StrictYaml() {}

    /** {@code what} names the file ("the answers file"); {@code missing} says what to do when there is no such file. */
    static <T> T read(Path file, Class<T> type, String what, String missing) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw problem(what, file, "there is no such file. " + missing);
        } catch (IOException | RuntimeException e) {
            throw problem(what, file, "it cannot be read (" + e.getMessage() + "). Check the path and its permissions");
        }
        boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = (json ? JsonMapper.builder() : YAMLMapper.builder())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .addHandler(UNKNOWN_KEY)
                .build();
        try {
            return text.isBlank() ? null : mapper.readValue(text, type);
        } catch (StreamReadException e) {
            throw problem(
                    what,
                    file,
                    line(e.getLocation()) + "it is not valid " + (json ? "JSON" : "YAML") + ": "
                            + firstLines(e.getOriginalMessage()) + ". Fix the syntax there");
        } catch (JsonMappingException e) {
            String at = e.getOriginalMessage().startsWith("unknown key")
                    ? keyLine(mapper, text, e.getPath())
                    : line(e.getLocation());
            throw problem(what, file, at + mappingProblem(e));
        } catch (JsonProcessingException e) {
            throw problem(what, file, line(e.getLocation()) + e.getOriginalMessage());
        }
    }

    static InvalidInput problem(String what, Path file, String problem) {
        return new InvalidInput("Failed to read " + what + " " + file + ": " + problem + ".");
    }

    /** An unknown key is refused where it stands, naming the keys there are at that level. */
    private static final DeserializationProblemHandler UNKNOWN_KEY = new DeserializationProblemHandler() {
        @Override
        public boolean handleUnknownProperty(
                DeserializationContext context,
                JsonParser parser,
                JsonDeserializer<?> deserializer,
                Object bean,
                String key)
                throws IOException {
            String known = String.join(", ", keys(deserializer));
            MismatchedInputException unknown = MismatchedInputException.from(
                    parser, deserializer.handledType(), "unknown key \"" + key + "\". The keys are: " + known);
            unknown.prependPath(deserializer.handledType(), key);
            throw unknown;
        }
    };

    /** A record's keys in the order it declares them (the order the file is documented in). */
    private static List<String> keys(JsonDeserializer<?> deserializer) {
        Class<?> type = deserializer.handledType();
        if (type == null || !type.isRecord()) {
            return deserializer.getKnownPropertyNames().stream()
                    .map(Object::toString)
                    .toList();
        }
        return Arrays.stream(type.getRecordComponents())
                .map(c -> Optional.ofNullable(c.getAccessor().getAnnotation(JsonProperty.class))
                        .map(JsonProperty::value)
                        .orElse(c.getName()))
                .toList();
    }

    /**
     * "line N: " for the key the path names. Jackson binds a record's keys before it exists, so an unknown one is
     * reported from a buffer that has no position; the file's own tokens still have it.
     */
    private static String keyLine(ObjectMapper mapper, String text, List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        path.forEach(reference -> pointer.append('/')
                .append(
                        reference.getFieldName() == null
                                ? String.valueOf(reference.getIndex())
                                : reference.getFieldName().replace("~", "~0").replace("/", "~1")));
        try (JsonParser parser = mapper.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME
                        && Objects.equals(
                                parser.getParsingContext().pathAsPointer(), JsonPointer.compile(pointer.toString()))) {
                    return line(parser.currentTokenLocation());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
        return "";
    }

    /** The key and what is wrong with its value, or the unknown key, in the file's own terms. */
    private static String mappingProblem(JsonMappingException e) {
        if (e.getOriginalMessage().startsWith("unknown key")) {
            return e.getOriginalMessage();
        }
        if (e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null) {
            return "the top level must be keys with values (like version: 1), not a list or a single value";
        }
        String key = "\""
                + e.getPath().stream()
                        .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                        .collect(Collectors.joining("."))
                + "\"";
        return e instanceof InvalidFormatException
                ? key + ": " + e.getOriginalMessage()
                : key + " " + e.getOriginalMessage();
    }

    private static String line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : "line " + location.getLineNr() + ": ";
    }

    /** A parser's message without its indented excerpt of the file. */
    private static String firstLines(String message) {
        return message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .collect(Collectors.joining(", "));
    }
}

package dev.taos.host.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.taos.host.apply.AtomicFiles;
import dev.taos.host.core.ByteSize;
import dev.taos.host.core.plan.DriverChoice;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.StopPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The answers file: the flags of {@code plan} and {@code setup} as YAML or JSON, versioned, bound strictly by Jackson.
 * Unknown keys, wrong types and bad values are refused with the key and line; the wizard writes exactly this format.
 */
public final class AnswersFile {

    public static final int VERSION = 1;

    /** The file's values, typed and checked by the flags' own rules; null where the file leaves a key out. */
    @JsonPropertyOrder({"version", "driver", "pool", "size", "source", "migrate", "stop-timeout", "force-stop", "fetch-base-image", "pool-autogrow"})
    public record Answers(
            @JsonProperty("version") @JsonDeserialize(using = AnswerValues.Version.class) Integer version,
            @JsonProperty("driver") @JsonDeserialize(using = AnswerValues.Driver.class) @JsonSerialize(using = AnswerValues.DriverText.class)
            DriverChoice driver,
            @JsonProperty("pool") @JsonDeserialize(using = AnswerValues.Pool.class) String pool,
            @JsonProperty("size") @JsonDeserialize(using = AnswerValues.Size.class) @JsonSerialize(using = AnswerValues.SizeText.class) ByteSize size,
            @JsonProperty("source") @JsonDeserialize(using = AnswerValues.Source.class) String source,
            @JsonProperty("migrate") @JsonDeserialize(using = AnswerValues.Migrate.class) @JsonSerialize(using = AnswerValues.MigrateText.class)
            MigrateSelection migrate,
            @JsonProperty("stop-timeout") @JsonDeserialize(using = AnswerValues.StopTimeout.class) Long stopTimeoutSeconds,
            @JsonProperty("force-stop") @JsonDeserialize(using = AnswerValues.Flag.class) Boolean forceStop,
            @JsonProperty("fetch-base-image") @JsonDeserialize(using = AnswerValues.Flag.class) Boolean fetchBaseImage,
            @JsonProperty("pool-autogrow") @JsonDeserialize(using = AnswerValues.Flag.class) Boolean poolAutoGrow) {

        public static Answers none() {
            return new Answers(VERSION, null, null, null, null, null, null, null, null, null);
        }

        /** The answers that make {@code request}: how to stop is written only when instances are migrated and it is not the default. */
        static Answers of(InstallRequest request) {
            boolean stopAsked = !(request.migrate() instanceof MigrateSelection.None) && !request.stop().equals(StopPolicy.defaults());
            return new Answers(VERSION, request.driver(), request.pool().orElse(null), request.size().orElse(null), request.source().orElse(null),
                    request.migrate(), stopAsked ? request.stop().timeoutSeconds() : null, stopAsked ? request.stop().force() : null,
                    request.units().fetchBaseImage().orElse(null), request.units().poolAutoGrow().orElse(null));
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
        boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = (json ? JsonMapper.builder() : YAMLMapper.builder()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .addHandler(UNKNOWN_KEY).build();
        Answers answers;
        try {
            answers = text.isBlank() ? null : mapper.readValue(text, Answers.class);
        } catch (StreamReadException e) {
            throw problem(file, line(e.getLocation()) + "it is not valid " + (json ? "JSON" : "YAML") + ": " + firstLines(e.getOriginalMessage())
                    + ". Fix the syntax there");
        } catch (JsonMappingException e) {
            String at = e.getOriginalMessage().startsWith("unknown key") ? keyLine(mapper, text, e.getPath()) : line(e.getLocation());
            throw problem(file, at + mappingProblem(e));
        } catch (JsonProcessingException e) {
            throw problem(file, line(e.getLocation()) + e.getOriginalMessage());
        }
        return checked(file, answers);
    }

    private static Answers checked(Path file, Answers answers) {
        if (answers == null) {
            throw problem(file, "it is empty. Start it with: version: " + VERSION);
        }
        if (answers.version() == null) {
            throw problem(file, "\"version\" is missing. Add version: " + VERSION + " at the top");
        }
        if (answers.version() != VERSION) {
            throw problem(file, "version " + answers.version() + " is not one this taos-host reads (it reads version " + VERSION
                    + "). Write it again with this taos-host's wizard");
        }
        if (answers.size() != null && answers.source() != null) {
            throw problem(file, "\"size\" and \"source\" cannot both be given: a size is for a new loop file, a source is existing storage. Keep one");
        }
        return answers;
    }

    /** Every key the file may hold, in the order the wizard writes them. */
    static final List<String> KEYS = Arrays.stream(Answers.class.getRecordComponents()).map(c -> c.getAccessor().getAnnotation(JsonProperty.class).value()).toList();

    /** An unknown key is refused where it stands (the parser is at its value), naming the keys there are. */
    private static final DeserializationProblemHandler UNKNOWN_KEY = new DeserializationProblemHandler() {
        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, JsonDeserializer<?> deserializer, Object bean,
                String key) throws IOException {
            MismatchedInputException unknown = MismatchedInputException.from(parser, Answers.class, "unknown key \"" + key + "\". The keys are: "
                    + String.join(", ", KEYS));
            unknown.prependPath(Answers.class, key);
            throw unknown;
        }
    };

    /**
     * "line N: " for the top-level key the path names. Jackson binds a record's keys before it exists, so an unknown one
     * is reported from a buffer that has no position; the file's own tokens still have it.
     */
    private static String keyLine(ObjectMapper mapper, String text, List<JsonMappingException.Reference> path) {
        String key = path.isEmpty() ? null : path.get(path.size() - 1).getFieldName();
        try (JsonParser parser = mapper.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && parser.getParsingContext().getParent().inRoot() && parser.currentName().equals(key)) {
                    return line(parser.currentTokenLocation());
                }
            }
        } catch (IOException e) {
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
            return "the top level must be keys with values (like version: " + VERSION + "), not a list or a single value";
        }
        String key = "\"" + e.getPath().get(e.getPath().size() - 1).getFieldName() + "\"";
        return e instanceof InvalidFormatException ? key + ": " + e.getOriginalMessage() : key + " " + e.getOriginalMessage();
    }

    /** The answers that make {@code request}, as YAML, with a comment saying how to replay them. */
    public static String render(InstallRequest request) {
        YAMLMapper yaml = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .serializationInclusion(JsonInclude.Include.NON_NULL).build();
        try {
            return "# taos-host answers. Replay on another host: sudo ./install.sh --unattended --answers FILE\n"
                    + yaml.writeValueAsString(Answers.of(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to write the answers: " + e.getOriginalMessage(), e);
        }
    }

    public static void write(Path file, InstallRequest request) throws IOException {
        AtomicFiles.write(file.toAbsolutePath(), "0644", render(request));
    }

    private static String line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : "line " + location.getLineNr() + ": ";
    }

    /** A parser's message without its indented excerpt of the file. */
    private static String firstLines(String message) {
        return message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).collect(Collectors.joining(", "));
    }

    private static InvalidInput problem(Path file, String what) {
        return new InvalidInput("Failed to read the answers file " + file + ": " + what + ".");
    }
}

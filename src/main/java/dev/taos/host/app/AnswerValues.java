package dev.taos.host.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.taos.host.core.ByteSize;
import dev.taos.host.core.plan.AppChoice;
import dev.taos.host.core.plan.DriverChoice;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.Names;
import dev.taos.host.core.plan.StopPolicy;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * How the answers file's values bind: strictly (no YAML "yes" for true, no number where text goes) and through the same
 * parsers as the flags, so a value is accepted or refused alike in both. A wrong type is a
 * {@link MismatchedInputException}, a bad value an {@link InvalidFormatException}; both carry the line.
 */
final class AnswerValues {

    private AnswerValues() {}

    /**
     * A value read from text (or, where {@code wholeNumbers}, a whole number) by {@code parse};
     * IllegalArgumentException is a bad value.
     */
    abstract static class Text<T> extends JsonDeserializer<T> {
        private final Function<String, T> parse;
        private final boolean wholeNumbers;

        Text(Function<String, T> parse, boolean wholeNumbers) {
            this.parse = parse;
            this.wholeNumbers = wholeNumbers;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_STRING && !(wholeNumbers && token == JsonToken.VALUE_NUMBER_INT)) {
                throw MismatchedInputException.from(parser, Object.class, "must be text, not " + describe(parser));
            }
            String text = parser.getText();
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(parser, e.getMessage(), text, Object.class);
            }
        }
    }

    static final class Driver extends Text<DriverChoice> {
        Driver() {
            super(DriverChoice::parse, false);
        }
    }

    static final class Pool extends Text<String> {
        Pool() {
            super(Names::poolName, false);
        }
    }

    static final class AppUser extends Text<String> {
        AppUser() {
            super(AppChoice::parseUser, false);
        }
    }

    static final class Size extends Text<ByteSize> {
        Size() {
            super(ByteSize::parse, true);
        }
    }

    static final class Source extends Text<String> {
        Source() {
            super(Names::source, false);
        }
    }

    static final class Migrate extends Text<MigrateSelection> {
        Migrate() {
            super(MigrateSelection::parse, false);
        }
    }

    static final class StopTimeout extends Text<Long> {
        StopTimeout() {
            super(StopPolicy::parseSeconds, true);
        }
    }

    /** true or false only: YAML 1.1's yes/no/on/off and quoted text are refused, so a typo never flips an opt-in. */
    static final class Flag extends JsonDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!Set.of(JsonToken.VALUE_TRUE, JsonToken.VALUE_FALSE).contains(parser.currentToken())) {
                throw MismatchedInputException.from(
                        parser, Boolean.class, "must be true or false, not " + describe(parser));
            }
            return parser.getBooleanValue();
        }
    }

    /** The version: the number itself, never text. */
    static final class Version extends JsonDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw MismatchedInputException.from(
                        parser,
                        Integer.class,
                        "must be the number " + AnswersFile.VERSION + ", not " + describe(parser));
            }
            return parser.getIntValue();
        }
    }

    /** Writes a value as the text its reader takes. */
    abstract static class Writer<T> extends JsonSerializer<T> {
        private final Function<T, String> text;

        Writer(Function<T, String> text) {
            this.text = text;
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider serializers) throws IOException {
            generator.writeString(text.apply(value));
        }
    }

    static final class DriverText extends Writer<DriverChoice> {
        DriverText() {
            super(DriverChoice::incusName);
        }
    }

    static final class SizeText extends Writer<ByteSize> {
        SizeText() {
            super(ByteSize::incusValue);
        }
    }

    static final class MigrateText extends Writer<MigrateSelection> {
        MigrateText() {
            super(MigrateSelection::text);
        }
    }

    /** "a list", "text (yes)": what the file holds where something else belongs. */
    static String describe(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        String kind = switch (token) {
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
        return kind + (token.isScalarValue() ? " (" + parser.getText() + ")" : "");
    }
}

package dev.taos.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The JSON Schemas in docs/schemas, for checking what taos-host really prints against what it documents. */
public final class JsonSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private JsonSchemas() {}

    /** The schema {@code docs/schemas/NAME.schema.json}; its references to the other files resolve beside it. */
    public static JsonSchema named(String name) {
        Path file = Path.of("docs/schemas", name + ".schema.json").toAbsolutePath();
        return FACTORY.getSchema(SchemaLocation.of(file.toUri().toString()));
    }

    /** Every way {@code json} (one document) breaks {@code schema}, with the document; empty when it holds. */
    public static List<String> problems(JsonSchema schema, String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read JSON output: " + json, e);
        }
        Set<ValidationMessage> messages = schema.validate(node);
        List<String> problems = new ArrayList<>();
        messages.forEach(m -> problems.add(m.getMessage() + " in " + json));
        return problems;
    }

    /** The same for each line of a JSON event stream. */
    public static List<String> streamProblems(JsonSchema schema, String lines) {
        List<String> problems = new ArrayList<>();
        lines.lines().filter(l -> !l.isBlank()).forEach(line -> problems.addAll(problems(schema, line)));
        return problems;
    }
}

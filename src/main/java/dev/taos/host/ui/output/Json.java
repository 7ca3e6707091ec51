package dev.taos.host.ui.output;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.taos.host.core.command.Command;
import dev.taos.host.core.plan.Action;
import dev.taos.host.core.plan.Step;
import java.util.List;

/** The one Jackson setup for --json output; the core records stay free of Jackson annotations (mix-ins carry them). */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addMixIn(Action.class, ActionMixIn.class)
            .addMixIn(Action.Run.class, RunMixIn.class)
            .addMixIn(Command.class, CommandMixIn.class)
            .addMixIn(Step.class, StepMixIn.class);

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Failed to write JSON for " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** One value on one line: a JSON event for --json streams. */
    public static String line(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to write a JSON event: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A step reads as its actions and its undos, last first (the schema in docs/scripting.md), not as the pairs it is
     * made of.
     */
    @JsonPropertyOrder({"kind", "description", "actions", "revert", "spaceNeededBytes"})
    interface StepMixIn {
        @JsonIgnore
        List<Step.Change> changes();

        @JsonProperty
        List<Action> actions();

        @JsonProperty
        List<Action> revert();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Action.Run.class, name = "run"),
        @JsonSubTypes.Type(value = Action.WriteFile.class, name = "write-file"),
        @JsonSubTypes.Type(value = Action.CopyFile.class, name = "copy-file"),
        @JsonSubTypes.Type(value = Action.EditSubIds.class, name = "edit-subids"),
        @JsonSubTypes.Type(value = Action.Check.class, name = "check")
    })
    interface ActionMixIn {}

    /** A command outside a plan's action (a build's preview) reads as {"argv": [...]}, as a run action does. */
    interface CommandMixIn {
        @JsonIgnore
        Object patience();

        @JsonIgnore
        String words();
    }

    /** A command reads as its argument list (its patience and words are how it runs and reads, not what it is). */
    interface RunMixIn {
        @JsonIgnore
        Object command();

        @JsonProperty
        List<String> argv();
    }
}

package dev.taos.host.ui.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.taos.host.core.verify.Verifier.Check;
import java.util.List;

/**
 * One line of {@code setup --json} and {@code taos-host --unattended --json}; docs/schemas/setup-events.schema.json is
 * its schema, and JsonSchemaTest keeps the two equal.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SetupEvent.Note.class, name = "note"),
    @JsonSubTypes.Type(value = SetupEvent.PlanMade.class, name = "plan"),
    @JsonSubTypes.Type(value = SetupEvent.Step.class, name = "step"),
    @JsonSubTypes.Type(value = SetupEvent.Progress.class, name = "progress"),
    @JsonSubTypes.Type(value = SetupEvent.Result.class, name = "result")
})
sealed interface SetupEvent {

    record Note(String message) implements SetupEvent {}

    record PlanMade(PlanReport.PlanJson plan) implements SetupEvent {}

    /** {@code problem} only on a failed step. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Step(int number, int of, String kind, String description, String state, String problem)
            implements SetupEvent {}

    /** Every 5 s while a step runs. */
    record Progress(int number, int of, String kind, long elapsedSeconds) implements SetupEvent {}

    /**
     * The run's last line: a message and the checks when it ran to the end, the undone actions when a step failed, the
     * refusal when it was refused.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(
            String outcome,
            int exitCode,
            String message,
            List<Check> checks,
            List<String> revert,
            PlanReport.RefusalJson refusal)
            implements SetupEvent {

        static Result ended(String outcome, int exitCode, String message, List<Check> checks) {
            return new Result(outcome, exitCode, message, checks, null, null);
        }

        static Result failed(int exitCode, String message, List<String> revert) {
            return new Result("failed", exitCode, message, null, revert, null);
        }

        static Result refused(int exitCode, PlanReport.RefusalJson refusal) {
            return new Result("refused", exitCode, null, null, null, refusal);
        }
    }
}

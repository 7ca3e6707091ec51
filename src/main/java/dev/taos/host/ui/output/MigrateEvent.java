package dev.taos.host.ui.output;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.taos.host.core.migrate.InstanceMigration;
import java.util.List;

/**
 * One line of {@code migrate --json}; docs/schemas/migrate-events.schema.json is its schema, and JsonSchemaTest keeps
 * the two equal.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MigrateEvent.Step.class, name = "step"),
    @JsonSubTypes.Type(value = MigrateEvent.Progress.class, name = "progress"),
    @JsonSubTypes.Type(value = MigrateEvent.Candidates.class, name = "candidates"),
    @JsonSubTypes.Type(value = MigrateEvent.Status.class, name = "status"),
    @JsonSubTypes.Type(value = MigrateEvent.Result.class, name = "result")
})
sealed interface MigrateEvent {

    /** {@code instance} as an operator types it; {@code step} and {@code state} as the schema spells them. */
    record Step(String instance, String step, int number, int of, String state, String detail)
            implements MigrateEvent {}

    /** Bytes done of {@code total} (-1 until known) in a copy, a check before the stop, or the verify pass. */
    record Progress(String instance, String what, long done, long total, String unit) implements MigrateEvent {
        Progress(String instance, String what, long done, long total) {
            this(instance, what, done, total, "bytes");
        }
    }

    record Candidates(List<Candidate> instances) implements MigrateEvent {}

    record Candidate(
            String name,
            String project,
            String pool,
            String status,
            long bytes,
            List<String> snapshots,
            long downtimeSeconds) {}

    record Status(List<Recorded> instances) implements MigrateEvent {}

    record Recorded(
            String name,
            String project,
            String from,
            String to,
            String status,
            String step,
            boolean stepStarted,
            String progress) {
        static Recorded of(InstanceMigration m) {
            return new Recorded(
                    m.name(),
                    m.project(),
                    m.sourcePool(),
                    m.targetPool(),
                    MigrateOutput.jsonName(m.status()),
                    MigrateOutput.jsonName(m.step()),
                    m.stepStarted(),
                    m.progress());
        }
    }

    record Result(String outcome, int exitCode, List<Ended> instances) implements MigrateEvent {}

    /** {@code problem} is null when it went as asked. */
    record Ended(String name, String project, String status, String progress, String problem) {}
}

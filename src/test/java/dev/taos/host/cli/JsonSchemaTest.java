package dev.taos.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.JsonSchemas;
import dev.taos.host.TestHost;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.MigrationStep;
import dev.taos.host.core.migrate.Observed;
import dev.taos.host.core.migrate.StepState;
import dev.taos.host.core.plan.StopPolicy;
import dev.taos.host.ui.output.MigrateOutput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What --json prints, run on captured hosts, holds to the schemas in docs/schemas: a field added, renamed or dropped
 * without its schema fails here.
 */
class JsonSchemaTest {

    static final String FIXTURES =
            "dir-with-agents,dir-empty,btrfs-already,btrfs-host,no-cow-driver,fresh,not-installed,daemon-down,app-pi";

    @TempDir
    Path state;

    @ParameterizedTest
    @ValueSource(strings = {FIXTURES})
    void planOnEveryCapturedHost(String fixtures) {
        for (String fixture : fixtures.split(",")) {
            var outcome = CliTest.run(fixture, "plan", "--json");
            assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.named("plan"), outcome.out()), fixture);
        }
    }

    @Test
    void aRefusedRequestsPlan() {
        var outcome = CliTest.run("btrfs-already", "plan", "--size", "20GiB", "--json");
        assertEquals(2, outcome.exit());
        assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.named("plan"), outcome.out()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"btrfs-already", "dir-empty", "app-pi"})
    void verify(String fixture) {
        var outcome = CliTest.run(
                TestHost.captured(fixture, state, TestHost.recording(new ArrayList<>())), "verify", "--json");
        assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.named("verify"), outcome.out()));
    }

    /** A dry run, an applied run whose last step fails (its jar is not there), a refusal and nothing to do. */
    @Test
    void setupEvents() {
        List<String> ran = new ArrayList<>();
        var runs = List.of(
                CliTest.run(
                        TestHost.captured("dir-empty", state, TestHost.recording(ran)), "setup", "--dry-run", "--json"),
                CliTest.run(
                        TestHost.captured("dir-with-agents", state, TestHost.recording(ran)),
                        "setup",
                        "--yes",
                        "--json"),
                CliTest.run(
                        TestHost.captured("no-cow-driver", state, TestHost.recording(ran)), "setup", "--yes", "--json"),
                CliTest.run(
                        TestHost.captured("btrfs-already", state, TestHost.recording(ran)),
                        "setup",
                        "--yes",
                        "--json"));
        List<String> events = new ArrayList<>();
        for (var run : runs) {
            assertEquals(List.of(), JsonSchemas.streamProblems(JsonSchemas.named("setup-events"), run.out()));
            run.out().lines().forEach(events::add);
        }
        for (String kind : List.of("plan", "step", "result")) {
            assertTrue(events.stream().anyMatch(e -> e.startsWith("{\"event\":\"" + kind + "\"")), kind);
        }
        assertTrue(events.stream().anyMatch(e -> e.contains("\"state\":\"failed\",\"problem\"")), "a failed step");
        assertTrue(events.stream().anyMatch(e -> e.contains("\"outcome\":\"refused\"")), "a refusal");
    }

    @Test
    void migrateCandidatesStatusAndRefusal() {
        var host = TestHost.captured("app-pi", state, TestHost.recording(new ArrayList<>()));
        var schema = JsonSchemas.named("migrate-events");
        for (var run : List.of(
                CliTest.run(host, "migrate", "--json"),
                CliTest.run(host, "migrate", "--status", "--json"),
                CliTest.run(host, "migrate", "--resume", "--json"),
                CliTest.run(host, "migrate", "--instances", "ghost", "--yes", "--json"))) {
            assertFalse(run.out().isBlank(), run.err());
            assertEquals(List.of(), JsonSchemas.streamProblems(schema, run.out()));
        }
    }

    /** Step and progress events as a migration writes them, through the same output the migrate command uses. */
    @Test
    void migrateStepsAndProgress() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MigrateOutput events = new MigrateOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, false);
        InstanceMigration mary = InstanceMigration.planned(
                        "user-990", "mary", "default", "fast", 1000, StopPolicy.defaults())
                .recorded(new Observed.Seen("mary", "Running", "default", Map.of(), List.of(), ""));
        for (MigrationStep step : MigrationStep.values()) {
            if (step == MigrationStep.DONE) {
                break;
            }
            mary = mary.starting(step);
            events.step(mary, step, StepState.STARTED, "");
            events.progress(mary.qualifiedName(), "copy", 10, -1);
            events.progress(mary.qualifiedName(), "verify", 10, 1000);
            events.step(mary, step, StepState.DONE, "");
            mary = mary.finished(step);
        }
        events.step(mary, MigrationStep.START, StepState.ROLLED_BACK, "the copy differs");
        String lines = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("\"instance\":\"user-990/mary\""), lines);
        assertEquals(List.of(), JsonSchemas.streamProblems(JsonSchemas.named("migrate-events"), lines));
    }

    /** The check itself: an event with a field its schema does not name is caught. */
    @Test
    void anUndocumentedFieldIsCaught() {
        assertFalse(JsonSchemas.problems(
                        JsonSchemas.named("setup-events"), "{\"event\":\"note\",\"message\":\"x\",\"extra\":1}")
                .isEmpty());
    }
}

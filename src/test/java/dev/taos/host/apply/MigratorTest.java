package dev.taos.host.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taos.host.Fixtures;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.InstanceMigration.Status;
import dev.taos.host.core.migrate.MigrationStep;
import dev.taos.host.core.migrate.StepState;
import dev.taos.host.core.plan.StopPolicy;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.exec.Runner;
import dev.taos.host.probe.IncusApi;
import dev.taos.host.probe.InstanceObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrator without a daemon: an Incus that answers as the dir-with-agents fixture's daemon did (mary running on the
 * dir pool "default") and does not change, so every step that needs a change fails where a real host would. What runs,
 * what is recorded and what the events say when a migration cannot go on.
 */
class MigratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> ran = new ArrayList<>();
    private final List<String> told = new ArrayList<>();

    /** The captured answers, asked for the way the observer asks (the project's list, its volumes' names). */
    private static final IncusApi CAPTURED = path -> {
        IncusApi fixture = Fixtures.api("dir-with-agents");
        return switch (path) {
            case "/1.0/instances?recursion=1" -> fixture.query("/1.0/instances?recursion=2&all-projects=true");
            case "/1.0/storage-pools/default/volumes" ->
                volumeUrls(fixture.query("/1.0/storage-pools/default/volumes?recursion=1&all-projects=true"));
            case "/1.0/operations?recursion=1&all-projects=true" -> "{}";
            default -> fixture.query(path);
        };
    };

    private static String volumeUrls(String volumes) throws IncusApi.IncusUnavailable {
        try {
            List<String> urls = new ArrayList<>();
            for (JsonNode volume : JSON.readTree(volumes)) {
                urls.add("/1.0/storage-pools/default/volumes/"
                        + volume.get("type").asText() + "/" + volume.get("name").asText());
            }
            return JSON.writeValueAsString(urls);
        } catch (java.io.IOException e) {
            throw new IncusApi.IncusUnavailable(IncusFacts.Status.RUNNING, e.getMessage());
        }
    }

    private Migrator migrator(CommandRunner runner, Path state) {
        return new Migrator(
                new Runner(runner),
                new InstanceObserver(CAPTURED),
                new MigrationJournal(state),
                new ManifestScanner(),
                dir.resolve("pools"),
                new Migrator.Events() {
                    @Override
                    public void step(InstanceMigration m, MigrationStep step, StepState state, String detail) {
                        told.add(step + " " + state);
                    }

                    @Override
                    public void progress(String instance, String what, long done, long total) {}
                });
    }

    private static InstanceMigration mary() {
        return InstanceMigration.planned("mary", "default", "fast", 1 << 20, StopPolicy.defaults());
    }

    @Test
    void aCopyIncusRefusesIsRolledBackAndTheRunningOriginalIsNeverStopped() {
        CommandRunner copyFails = (argv, timeout) -> {
            ran.add(String.join(" ", argv));
            return argv.get(1).equals("copy")
                    ? new CommandRunner.Result(1, "", "Error: Failed creating instance from snapshot: no space", false)
                    : new CommandRunner.Result(0, "", "", false);
        };
        Path state = dir.resolve("state");
        var results = migrator(copyFails, state).migrate(List.of(mary()), 1);

        assertEquals(1, results.size());
        assertTrue(results.get(0).problem().orElseThrow().contains("no space"), results.toString());
        assertTrue(ran.get(0).startsWith("incus copy mary mary-migrating "), ran.toString());
        assertTrue(
                ran.stream().noneMatch(c -> c.startsWith("incus stop") || c.startsWith("incus rename")),
                ran.toString());
        assertEquals(
                List.of("RECORD STARTED", "RECORD DONE", "PRE_COPY STARTED", "PRE_COPY FAILED", "PRE_COPY ROLLED_BACK"),
                told);
        InstanceMigration recorded = new MigrationJournal(state).read().get(0);
        assertEquals(Status.ROLLED_BACK, recorded.status());
        assertTrue(recorded.wasRunning());
    }

    @Test
    void aJournalThatCannotBeWrittenStopsTheRunBeforeAnyCommand() throws Exception {
        Path notADirectory = dir.resolve("state");
        Files.writeString(notADirectory, "a file where the state directory should be");
        var results = migrator(
                        (argv, timeout) -> {
                            throw new AssertionError("a command ran: " + argv);
                        },
                        notADirectory)
                .migrate(List.of(mary()), 1);

        assertEquals(Status.NOT_STARTED, results.get(0).migration().status());
        assertTrue(
                results.get(0).problem().orElseThrow().endsWith("The migration stopped there and changed nothing more"),
                results.toString());
        assertEquals(List.of(), told);
    }
}

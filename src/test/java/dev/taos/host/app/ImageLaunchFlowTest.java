package dev.taos.host.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.TestHost;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.probe.IncusApi;
import dev.taos.host.ui.output.ImageFlowLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * image launch's refusals, each before anything is made, and image build's preview, against an Incus that answers as
 * the app-pi fixture's daemon does (one image, taos-openclaw-base; instance mary).
 */
public class ImageLaunchFlowTest {

    private static final String BASE = "0".repeat(64);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> ran = new ArrayList<>();

    /** Only the base image, and instance mary (also JsonSchemaStrictnessTest's build preview). */
    public static final IncusApi ONLY_THE_BASE = path -> switch (path) {
        case "/1.0/images?recursion=1&all-projects=true" -> """
            [{"aliases": [{"description": "", "name": "taos-openclaw-base"}], "architecture": "x86_64",
              "auto_update": false, "cached": false, "created_at": "2000-01-01T00:00:00Z",
              "expires_at": "2000-01-01T00:00:00Z", "filename": "busybox.tar.gz", "fingerprint": "%s",
              "last_used_at": "2000-01-01T00:00:00Z", "profiles": ["default"], "project": "default",
              "properties": {"description": "busybox test image", "os": "busybox", "release": "static"},
              "public": false, "size": 0, "type": "container",
              "uploaded_at": "2000-01-01T00:00:00Z"}]""".formatted(BASE);
        case "/1.0/instances?recursion=2&all-projects=true" ->
            "[{\"name\": \"mary\", \"project\": \"default\", \"status\": \"Running\", \"type\": \"container\","
                    + " \"config\": {}, \"devices\": {}, \"expanded_devices\": {}, \"profiles\": [\"default\"]}]";
        default -> throw new IncusApi.IncusUnavailable(IncusFacts.Status.RUNNING, "no answer for " + path);
    };

    private Path layers(String parent) throws IOException {
        Path file = dir.resolve("images.yaml");
        Files.writeString(file, """
                version: 1
                layers:
                  hermes:
                    parent: %s
                    cached: |
                      echo built
                    run: |
                      hostname > /etc/agent-name
                """.formatted(parent));
        return file;
    }

    private int launch(Path file, String instance, boolean noBuild, CommandRunner runner) {
        var host =
                TestHost.captured("btrfs-already", dir.resolve("state"), runner).withIncus(() -> ONLY_THE_BASE);
        var ui = new ImageFlowLines(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new ImageLaunchFlow(host, ui)
                .launch(file, "hermes", instance, noBuild, Duration.ofMinutes(1), launched -> {})
                .code();
    }

    /** image build --dry-run: the commands the build would run, in order, and nothing run. */
    @Test
    void theBuildsPreviewListsItsCommandsAndRunsNone() throws IOException {
        var host = TestHost.captured("btrfs-already", dir.resolve("state"), TestHost.refusing())
                .withIncus(() -> ONLY_THE_BASE);
        var ui = new ImageFlowLines(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<ImageBuildPreviewFlow.Preview> previews = new ArrayList<>();
        int exit = new ImageBuildPreviewFlow(host, ui)
                .preview(layers("taos-openclaw-base"), List.of(), Duration.ofMinutes(1), previews::add)
                .code();
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        ImageBuildPreviewFlow.LayerPreview hermes = previews.get(0).layers().get(0);
        assertEquals("build", hermes.action());
        List<String> commands =
                hermes.commands().stream().map(c -> String.join(" ", c.argv())).toList();
        assertEquals("incus init taos-openclaw-base taos-build-hermes --quiet", commands.get(0), commands.toString());
        assertTrue(commands.contains("incus start taos-build-hermes"), commands.toString());
        assertTrue(
                commands.stream().anyMatch(c -> c.startsWith("incus publish taos-build-hermes")), commands.toString());
        assertTrue(commands.contains("incus delete --force taos-build-hermes"), commands.toString());
        String text = dev.taos.host.ui.output.ImageReport.preview(previews.get(0));
        assertTrue(text.startsWith("hermes: build ("), text);
        assertTrue(text.endsWith("Nothing has been changed (--dry-run).\n"), text);
    }

    @Test
    void aLayerNotCachedIsRefusedWithNoBuildAndNothingRuns() throws IOException {
        assertEquals(3, launch(layers("taos-openclaw-base"), "agent-1", true, TestHost.refusing()));
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith("Failed to launch agent-1: "), said);
        assertTrue(said.contains(" and --no-build was given. Run taos-host image build hermes"), said);
    }

    @Test
    void aParentImageThatIsNotThereBlocksTheLaunch() throws IOException {
        assertEquals(3, launch(layers("no-such-image"), "agent-1", false, TestHost.refusing()));
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith("Failed to launch agent-1: hermes "), said);
        assertTrue(said.endsWith("Fetch or import it, then run again; nothing was changed.\n"), said);
    }

    @Test
    void aNameThatIsTakenOrInvalidIsRefusedBeforeTheHostChanges() throws IOException {
        Path file = layers("taos-openclaw-base");
        InvalidInput taken = assertThrows(InvalidInput.class, () -> launch(file, "mary", false, TestHost.refusing()));
        assertTrue(taken.getMessage().contains("an instance with that name already exists"), taken.getMessage());
        InvalidInput invalid =
                assertThrows(InvalidInput.class, () -> launch(file, "9lives", false, TestHost.refusing()));
        assertTrue(
                invalid.getMessage().startsWith("Failed to launch 9lives: an instance name is"), invalid.getMessage());
    }

    @Test
    void aFailedCreateSaysNothingWasMade() throws IOException {
        CommandRunner failing = (argv, timeout) -> {
            ran.add(String.join(" ", argv));
            return new CommandRunner.Result(1, "", "Error: Failed instance creation: no space left", false);
        };
        assertEquals(4, launch(layers("taos-openclaw-base"), "agent-1", false, failing));
        assertTrue(ran.get(0).startsWith("incus "), ran.toString());
        assertTrue(err.toString(StandardCharsets.UTF_8).endsWith(". Nothing was made.\n"), err.toString());
    }
}

package dev.taos.host.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.TestHost;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.probe.IncusApi;
import dev.taos.host.ui.output.ImageStoreReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * image list and image prune against an Incus that answers as a real daemon does (the image objects are shaped as the
 * app-pi fixture's, with a layer's properties): what is kept and why, what is deleted, and the exit codes.
 */
public class ImageStoreFlowTest {

    private static final String CURRENT = "a".repeat(64);
    private static final String EARLIER = "b".repeat(64);
    private static final String OLDEST = "c".repeat(64);

    @TempDir
    Path state;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> ran = new ArrayList<>();

    private static String image(String fingerprint, String created, String alias) {
        return """
                {"aliases": [%s], "architecture": "x86_64", "auto_update": false, "cached": false,
                 "created_at": "%s", "expires_at": "2000-01-01T00:00:00Z", "filename": "layer.tar.gz",
                 "fingerprint": "%s", "last_used_at": "%s", "profiles": ["default"], "project": "default",
                 "properties": {"taos.layer": "framework", "taos.key": "key-%s", "taos.parent-key": "base-key"},
                 "public": false, "size": 1048576, "type": "container", "uploaded_at": "%s"}""".formatted(
                        alias.isEmpty() ? "" : "{\"description\": \"\", \"name\": \"" + alias + "\"}",
                        created,
                        fingerprint,
                        created,
                        fingerprint.charAt(0),
                        created);
    }

    /** Three builds of one layer, the newest under its alias (also JsonSchemaStrictnessTest's image list). */
    public static final IncusApi THREE_BUILDS = path -> switch (path) {
        case "/1.0/images?recursion=1&all-projects=true" ->
            "[" + image(CURRENT, "2026-12-03T00:00:00Z", "taos/framework") + ","
                    + image(EARLIER, "2026-12-02T00:00:00Z", "") + ","
                    + image(OLDEST, "2026-12-01T00:00:00Z", "") + "]";
        case "/1.0/instances?recursion=2&all-projects=true" -> "[]";
        default -> throw new IncusApi.IncusUnavailable(IncusFacts.Status.RUNNING, "no answer for " + path);
    };

    private ImageStoreFlow flow(IncusApi incus, CommandRunner runner, Optional<Boolean> answer, boolean yes) {
        var host = TestHost.captured("btrfs-already", state, runner).withIncus(() -> incus);
        var ui = new ImageStoreReport(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                TestHost.operator(answer.isPresent(), answer),
                yes);
        return new ImageStoreFlow(host, ui);
    }

    @Test
    void listShowsEveryLayerImage() {
        List<ImageStoreFlow.Entry> listed = new ArrayList<>();
        int exit = flow(THREE_BUILDS, TestHost.refusing(), Optional.empty(), false)
                .list(listed::addAll)
                .code();
        assertEquals(0, exit);
        assertEquals(
                List.of(CURRENT, EARLIER, OLDEST),
                listed.stream().map(ImageStoreFlow.Entry::fingerprint).toList());
        assertEquals(List.of("taos/framework"), listed.get(0).aliases());
    }

    @Test
    void pruneKeepsTheCurrentAndTheNewestEarlierBuildAndDeletesTheRest() {
        int exit = flow(THREE_BUILDS, TestHost.recording(ran), Optional.empty(), true)
                .prune(1)
                .code();
        assertEquals(0, exit);
        assertEquals(List.of("incus image delete " + OLDEST), ran);
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("Keeping  framework aaaaaaaaaaaa: current (taos/framework)"), said);
        assertTrue(said.contains("Keeping  framework bbbbbbbbbbbb: one of the 1 newest earlier builds kept"), said);
        assertTrue(said.contains("Removing framework cccccccccccc (stale, built 2026-12-01T00:00:00Z)"), said);
        assertTrue(said.endsWith("Removed 1 stale image(s).\n"), said);
    }

    @Test
    void aNoAtTheQuestionRemovesNothing() {
        int exit = flow(THREE_BUILDS, TestHost.refusing(), Optional.of(false), false)
                .prune(0)
                .code();
        assertEquals(130, exit);
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("Nothing was removed.\n"));
    }

    @Test
    void withoutATerminalOrYesItRefusesBeforeDeletingAnything() {
        var flow = flow(THREE_BUILDS, TestHost.refusing(), Optional.empty(), false);
        InvalidInput refused = org.junit.jupiter.api.Assertions.assertThrows(InvalidInput.class, () -> flow.prune(0));
        assertTrue(refused.getMessage().startsWith("Failed to prune the image cache: there is no terminal"));
    }

    @Test
    void anImageIncusWillNotDeleteIsAFailedStepThatNamesIt() {
        CommandRunner refusing = (argv, timeout) -> {
            ran.add(String.join(" ", argv));
            return new CommandRunner.Result(1, "", "Error: Image is in use", false);
        };
        int exit = flow(THREE_BUILDS, refusing, Optional.empty(), true).prune(0).code();
        assertEquals(4, exit);
        assertEquals(2, ran.size());
        assertTrue(
                err.toString(StandardCharsets.UTF_8)
                        .startsWith(
                                "Failed to remove 2 image(s): bbbbbbbbbbbb: it exited 1 (Error: Image is in use); "),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anIncusThatDoesNotAnswerIsNamedAndNothingRuns() {
        IncusApi down = path -> {
            throw new IncusApi.IncusUnavailable(IncusFacts.Status.DAEMON_DOWN, "connection refused");
        };
        assertEquals(
                3,
                flow(down, TestHost.refusing(), Optional.empty(), true).prune(1).code());
        assertEquals(
                "Failed to prune the image cache: the Incus daemon does not answer (connection refused). Start Incus,"
                        + " then run again.\n",
                err.toString(StandardCharsets.UTF_8));
    }
}

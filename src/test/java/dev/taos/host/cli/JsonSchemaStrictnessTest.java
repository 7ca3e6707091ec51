package dev.taos.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taos.host.JsonSchemas;
import dev.taos.host.TestHost;
import dev.taos.host.app.ImageBuildFlow;
import dev.taos.host.app.ImageLaunchFlow;
import dev.taos.host.app.ImageLaunchFlowTest;
import dev.taos.host.app.ImageReportFlow;
import dev.taos.host.app.ImageStoreFlowTest;
import dev.taos.host.apply.ImageInspector;
import dev.taos.host.core.image.ImageMeasure;
import dev.taos.host.ui.output.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schemas of detect, bench and the image commands hold for what they print, and every schema is closed: a field
 * added at the top or inside a nested object, or a plan action carrying another variant's field, breaks it.
 */
class JsonSchemaStrictnessTest {

    private static final String FIXTURES = JsonSchemaTest.FIXTURES + ",cluster";

    @TempDir
    Path dir;

    @Test
    void detectOnEveryCapturedHost() {
        for (String fixture : FIXTURES.split(",")) {
            var outcome = CliTest.run(fixture, "detect", "--json");
            assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.named("detect"), outcome.out()), fixture);
        }
    }

    @Test
    void theImageCommandsDocuments() throws IOException {
        for (var document : imageDocuments().entrySet()) {
            assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.named(document.getKey()), document.getValue()));
        }
    }

    /** Each schema with a document that holds to it, made unknown fields at a time. */
    @Test
    void everySchemaRefusesAFieldItDoesNotName() throws IOException {
        Map<String, String> documents = new java.util.LinkedHashMap<>(imageDocuments());
        documents.put("detect", CliTest.run("app-pi", "detect", "--json").out());
        documents.put("plan", CliTest.run("dir-with-agents", "plan", "--json").out());
        documents.put(
                "verify",
                CliTest.run(TestHost.captured("app-pi", dir, TestHost.recording(new ArrayList<>())), "verify", "--json")
                        .out());
        documents.put("setup-events", firstEvent("dir-empty", "setup", "--dry-run", "--json"));
        documents.put("migrate-events", firstEvent("app-pi", "migrate", "--json"));
        documents.put(
                "bench",
                Json.write(Map.of(
                        "schemaVersion",
                        1,
                        "image",
                        "busybox",
                        "runs",
                        1,
                        "pools",
                        List.of(Map.of(
                                "pool",
                                "default",
                                "driver",
                                "btrfs",
                                "warmUpMillis",
                                1,
                                "runMillis",
                                List.of(1),
                                "medianMillis",
                                1)),
                        "speedUp",
                        1.0)));
        for (var document : documents.entrySet()) {
            var schema = JsonSchemas.named(document.getKey());
            assertEquals(List.of(), JsonSchemas.problems(schema, document.getValue()), document.getKey());
            JsonNode node = Json.mapper().readTree(document.getValue());
            ObjectNode top = (ObjectNode) (node.isArray() ? node.get(0) : node).deepCopy();
            top.put("unexpected", true);
            JsonNode withTop = node.isArray() ? ((ArrayNode) node.deepCopy()).set(0, top) : top;
            assertFalse(JsonSchemas.problems(schema, withTop.toString()).isEmpty(), document.getKey() + " at the top");
            JsonNode nested = node.deepCopy();
            Optional<ObjectNode> inner = firstNestedObject(node.isArray() ? nested.get(0) : nested);
            inner.ifPresent(object -> object.put("unexpected", true));
            if (inner.isPresent()) {
                assertFalse(
                        JsonSchemas.problems(schema, nested.toString()).isEmpty(),
                        document.getKey() + " in a nested object: " + nested);
            }
        }
    }

    /** A run action has argv and nothing else: the command record leaking through would show here. */
    @Test
    void aPlanActionWithAnotherVariantsFieldIsRefused() throws IOException {
        JsonNode plan = Json.mapper()
                .readTree(CliTest.run("dir-with-agents", "plan", "--json").out());
        ObjectNode run = (ObjectNode) plan.get("steps").get(0).get("actions").get(0);
        assertEquals("run", run.get("type").asText());
        run.put("path", "/etc/passwd");
        assertFalse(
                JsonSchemas.problems(JsonSchemas.named("plan"), plan.toString()).isEmpty());
    }

    private Map<String, String> imageDocuments() throws IOException {
        Path layers = dir.resolve("images.yaml");
        Files.writeString(
                layers,
                "version: 1\nlayers:\n  hermes:\n    parent: taos-openclaw-base\n    cached: |\n"
                        + "      echo built\n");
        var preview = CliTest.run(
                TestHost.captured("btrfs-already", dir.resolve("state"), TestHost.refusing())
                        .withIncus(() -> ImageLaunchFlowTest.ONLY_THE_BASE),
                "image",
                "build",
                "--dry-run",
                "--file",
                layers.toString(),
                "--json");
        assertEquals(0, preview.exit(), preview.err());
        var list = CliTest.run(
                TestHost.captured("btrfs-already", dir.resolve("state"), TestHost.refusing())
                        .withIncus(() -> ImageStoreFlowTest.THREE_BUILDS),
                "image",
                "list",
                "--json");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("\"layer\""), list.out());
        var measured = new ImageInspector.Measured(
                "f".repeat(64),
                List.of("taos/framework"),
                3,
                2,
                1,
                List.of(new ImageMeasure.Dir("/usr", 2)),
                Map.of("docs", 1L));
        return Map.of(
                "image-build-preview",
                preview.out(),
                "image-list",
                list.out(),
                "image-build",
                Json.write(new ImageBuildFlow.Built(
                        List.of(new ImageBuildFlow.Outcome(
                                "hermes", ImageBuildFlow.Status.BUILT, "k", "f", "why", 1, Map.of("docs", 1L))),
                        null)),
                "image-launch",
                Json.write(new ImageLaunchFlow.Launched("agent-1", "hermes", "cached", "taos/hermes", "", 1)),
                "image-report",
                Json.write(new ImageReportFlow.Report(measured, null)));
    }

    /** The first line of an event stream, printed on a captured host. */
    private String firstEvent(String fixture, String... args) {
        return CliTest.run(TestHost.captured(fixture, dir, TestHost.recording(new ArrayList<>())), args)
                .out()
                .lines()
                .findFirst()
                .orElseThrow();
    }

    private static Optional<ObjectNode> firstNestedObject(JsonNode node) {
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            JsonNode child = children.next();
            if (child.isObject() && child.size() > 0) {
                return Optional.of((ObjectNode) child);
            }
            Optional<ObjectNode> deeper = firstNestedObject(child);
            if (deeper.isPresent()) {
                return deeper;
            }
        }
        return Optional.empty();
    }
}

package dev.taos.host.apply;

import dev.taos.host.core.image.ImageCache;
import dev.taos.host.core.image.Layer;
import dev.taos.host.core.image.LayerKey;
import dev.taos.host.core.image.TrimRule;
import dev.taos.host.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds one layer's image: launch the parent as a builder, copy the files in, run the cached script, trim, stop,
 * publish with the key as properties, and only then point the layer's alias at the new image. The builder is deleted
 * whatever happens, so a failed build leaves the previous image and alias exactly as they were.
 */
public final class ImageBuilder {

    /**
     * Local layers are never downloaded, so they are stored uncompressed: publishing and unpacking skip the compressor.
     */
    static final String COMPRESSION = "none";

    private static final Duration INCUS = Duration.ofMinutes(10);
    private static final Pattern PUBLISHED = Pattern.compile("fingerprint: ([0-9a-f]{64})");

    private final CommandRunner runner;
    private final Duration scriptLimit;
    private final Consumer<String> output;

    public ImageBuilder(CommandRunner runner, Duration scriptLimit, Consumer<String> output) {
        this.runner = runner;
        this.scriptLimit = scriptLimit;
        this.output = output;
    }

    /** A build or launch step failed; the message names the step, the command or script, and its last lines. */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    /** What a build made: the image, and the bytes each trim rule removed (in rule order). */
    public record Built(String fingerprint, Map<TrimRule, Long> trimmed) {}

    public Built build(Layer layer, LayerKey key, String from, boolean aliasExists) {
        String builder = ImageCache.builderName(layer);
        removeLeftover(builder);
        // Ctrl-C or SIGTERM runs shutdown hooks: the builder goes with the run (kill -9 leaves it to the next one).
        Thread deleteOnExit = new Thread(() -> discard(builder), "taos-builder-cleanup");
        Runtime.getRuntime().addShutdownHook(deleteOnExit);
        try {
            create(from, builder);
            start(builder);
            prepare(builder, List.of(layer));
            Map<TrimRule, Long> trimmed = trim(builder, layer);
            stop(builder);
            List<String> publish =
                    new ArrayList<>(List.of("incus", "publish", builder, "local:", "--compression", COMPRESSION));
            ImageCache.properties(layer, key).forEach((k, v) -> publish.add(k + "=" + v));
            String published = run("publish " + layer.name(), publish, INCUS).stdout();
            Matcher fingerprint = PUBLISHED.matcher(published);
            if (!fingerprint.find()) {
                throw new Failed("Failed to publish " + layer.name()
                        + ": Incus did not print the new image's fingerprint (" + published.strip() + ")");
            }
            pointAlias(layer, fingerprint.group(1), aliasExists);
            unpackOnPool(fingerprint.group(1), builder);
            return new Built(fingerprint.group(1), trimmed);
        } finally {
            if (!discard(builder)) {
                output.accept("Could not delete the builder " + builder
                        + " (does Incus answer?); the next image build removes it.");
            }
            try {
                Runtime.getRuntime().removeShutdownHook(deleteOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it deletes the builder again, which is harmless
            }
        }
    }

    /**
     * Makes the first deploy as fast as the next: on a copy-on-write pool Incus unpacks an image into a volume when the
     * first instance is made from it, and later instances are snapshots of that volume. Creating (not starting) one now
     * unpacks it during the build, under the builder's name; the build's own clean-up deletes it, the volume stays. A
     * failure here costs only that speed.
     */
    private void unpackOnPool(String fingerprint, String builder) {
        discard(builder);
        if (!runner.run(List.of("incus", "init", fingerprint, builder, "--quiet"), INCUS)
                .ok()) {
            output.accept(
                    "Note: the new image was not unpacked on the pool ahead of time; the first launch from it will do "
                            + "that.");
        }
    }

    /** Creates {@code instance} from {@code image}, not started; when this fails, nothing was made. */
    public void create(String image, String instance) {
        run("create " + instance + " from " + image, List.of("incus", "init", image, instance, "--quiet"), INCUS);
    }

    public void start(String instance) {
        run("start " + instance, List.of("incus", "start", instance), INCUS);
    }

    /**
     * Deletes an instance this run made (an agent whose run script failed), so its name is free again; false when Incus
     * did not.
     */
    public boolean discard(String instance) {
        if (runner.run(List.of("incus", "delete", "--force", instance), INCUS).ok()) {
            return true;
        }
        // Never made (a create that failed) is fine; a daemon that does not answer leaves it behind.
        boolean exists = runner.run(List.of("incus", "query", "/1.0/instances/" + instance), INCUS)
                .ok();
        return !exists && runner.run(List.of("incus", "query", "/1.0"), INCUS).ok();
    }

    /**
     * Copies each layer's files into {@code instance} and runs its cached script, in order (a build, or a launch by the
     * build path).
     */
    public void prepare(String instance, List<Layer> layers) {
        awaitBoot(instance);
        for (Layer layer : layers) {
            for (var file : layer.files().entrySet()) {
                run(
                        "copy " + file.getValue() + " into " + layer.name(),
                        List.of("incus", "file", "push", "--create-dirs", file.getValue(), instance + file.getKey()),
                        INCUS);
            }
            if (!layer.cached().isBlank()) {
                script(instance, layer.name() + "'s cached script", layer.cached());
            }
        }
    }

    /** Runs {@code script} with sh -e in {@code instance}, its output streamed; a failure ends with its last lines. */
    public void script(String instance, String what, String script) {
        CommandRunner.Result result = runner.run(
                List.of("incus", "exec", instance, "--", "sh", "-e", "-c", script),
                scriptLimit,
                line -> output.accept("  | " + line));
        if (!result.ok()) {
            throw new Failed("Failed to run " + what + " in " + instance + ": "
                    + (result.timedOut()
                            ? "it did not finish in " + scriptLimit.toMinutes() + " minutes"
                            : "it exited " + result.exitCode())
                    + (result.tail().isEmpty()
                            ? ""
                            : ". Its last lines:\n" + result.tail().indent(2).stripTrailing()));
        }
    }

    /**
     * A systemd image is left to finish booting (network up) before a script runs; other inits have nothing to wait
     * for.
     */
    private void awaitBoot(String instance) {
        runner.run(
                List.of(
                        "incus",
                        "exec",
                        instance,
                        "--",
                        "sh",
                        "-c",
                        "command -v systemctl >/dev/null 2>&1 && timeout 120 systemctl is-system-running --wait "
                                + ">/dev/null 2>&1; true"),
                Duration.ofMinutes(3));
    }

    private Map<TrimRule, Long> trim(String builder, Layer layer) {
        Map<TrimRule, Long> trimmed = new LinkedHashMap<>();
        for (TrimRule rule : layer.trim().rules()) {
            String printed = run(
                            "trim " + rule.id() + " in " + layer.name(),
                            List.of("incus", "exec", builder, "--", "sh", "-c", rule.script(layer.trim())),
                            scriptLimit)
                    .stdout()
                    .strip();
            String firstLine = printed.lines().findFirst().orElse("0").strip();
            trimmed.put(rule, firstLine.matches("\\d+") ? Long.parseLong(firstLine) : 0L);
        }
        return trimmed;
    }

    private void stop(String builder) {
        if (!runner.run(List.of("incus", "stop", builder, "--timeout", "60"), INCUS)
                .ok()) {
            run("stop the builder " + builder, List.of("incus", "stop", builder, "--force"), INCUS);
        }
    }

    /** Moves the alias in one request (PATCH), so it never points at nothing; creates it the first time. */
    public void pointAlias(Layer layer, String fingerprint, boolean exists) {
        if (exists) {
            run(
                    "point " + layer.alias() + " at the new image",
                    List.of(
                            "incus",
                            "query",
                            "-X",
                            "PATCH",
                            "/1.0/images/aliases/" + layer.alias().replace("/", "%2F"),
                            "--data",
                            "{\"target\": \"" + fingerprint + "\"}"),
                    INCUS);
        } else {
            run(
                    "create " + layer.alias(),
                    List.of("incus", "image", "alias", "create", layer.alias(), fingerprint),
                    INCUS);
        }
    }

    /** A builder a killed build left behind is ours by its name; it is deleted before a new one starts. */
    private void removeLeftover(String builder) {
        if (runner.run(List.of("incus", "query", "/1.0/instances/" + builder), INCUS)
                .ok()) {
            output.accept("Removing " + builder + ", left behind by an interrupted build.");
            run("delete the leftover builder " + builder, List.of("incus", "delete", "--force", builder), INCUS);
        }
    }

    private CommandRunner.Result run(String what, List<String> argv, Duration timeout) {
        CommandRunner.Result result = runner.run(argv, timeout);
        if (!result.ok()) {
            throw new Failed("Failed to " + what + ": " + result.failure(String.join(" ", argv), timeout));
        }
        return result;
    }
}

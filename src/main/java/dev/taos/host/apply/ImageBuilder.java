package dev.taos.host.apply;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Patience;
import dev.taos.host.core.image.Layer;
import dev.taos.host.core.image.LayerBuild;
import dev.taos.host.core.image.LayerKey;
import dev.taos.host.core.image.TrimRule;
import dev.taos.host.exec.CommandFailed;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.exec.Runner;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds one layer's image by running {@link LayerBuild}'s commands: launch the parent as a builder, copy the files in,
 * run the cached script, trim, stop, publish with the key as properties, and only then point the layer's alias at the
 * new image. The builder is deleted whatever happens, so a failed build leaves the previous image and alias exactly as
 * they were.
 */
public final class ImageBuilder {

    private static final Pattern PUBLISHED = Pattern.compile("fingerprint: ([0-9a-f]{64})");

    private final Runner runner;
    private final Patience scripts;
    private final Events events;

    /** What a build or launch tells the operator as it goes; ui/ words it. */
    public interface Events {
        /** One line a script printed. */
        void scriptLine(String line);

        /** A builder an interrupted build left behind is being removed. */
        void leftoverRemoved(String builder);

        /** The builder could not be deleted (does Incus answer?); the next build removes it. */
        void builderKept(String builder);

        /** The new image was not unpacked on the pool ahead of time; the first launch does it. */
        void notUnpacked();
    }

    public ImageBuilder(Runner runner, Duration scriptLimit, Events events) {
        this.runner = runner;
        this.scripts = Patience.script(scriptLimit);
        this.events = events;
    }

    /** A build or launch step failed; the message names the command or script, and its last lines. */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    /** What a build made: the image, and the bytes each trim rule removed (in rule order). */
    public record Built(String fingerprint, Map<TrimRule, Long> trimmed) {}

    public Built build(Layer layer, LayerKey key, String from, boolean aliasExists) {
        LayerBuild build = new LayerBuild(layer, key, from, scripts);
        String builder = build.builder();
        removeLeftover(builder);
        // Ctrl-C or SIGTERM runs shutdown hooks: the builder goes with the run (kill -9 leaves it to the next one).
        Thread deleteOnExit = new Thread(() -> discard(builder), "taos-builder-cleanup");
        Runtime.getRuntime().addShutdownHook(deleteOnExit);
        try {
            run(build.create());
            start(builder);
            prepare(builder, List.of(layer));
            Map<TrimRule, Long> trimmed = trim(build);
            if (!runner.attempt(build.stop()).ok()) {
                run(build.stopForced());
            }
            String published = run(build.publish()).stdout();
            Matcher fingerprint = PUBLISHED.matcher(published);
            if (!fingerprint.find()) {
                throw new Failed("Failed to publish " + layer.name()
                        + ": Incus did not print the new image's fingerprint (" + published.strip() + ")");
            }
            pointAlias(layer, fingerprint.group(1), aliasExists);
            unpackOnPool(build, fingerprint.group(1));
            return new Built(fingerprint.group(1), trimmed);
        } finally {
            if (!discard(builder)) {
                events.builderKept(builder);
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
    private void unpackOnPool(LayerBuild build, String fingerprint) {
        discard(build.builder());
        if (!runner.attempt(build.unpack(fingerprint)).ok()) {
            events.notUnpacked();
        }
    }

    /** Creates {@code instance} from {@code image}, not started; when this fails, nothing was made. */
    public void create(String image, String instance) {
        run(LayerBuild.create(image, instance));
    }

    public void start(String instance) {
        run(LayerBuild.start(instance));
    }

    /**
     * Deletes an instance this run made (an agent whose run script failed), so its name is free again; false when Incus
     * did not.
     */
    public boolean discard(String instance) {
        if (runner.attempt(LayerBuild.delete(instance)).ok()) {
            return true;
        }
        // Never made (a create that failed) is fine; a daemon that does not answer leaves it behind.
        boolean exists = runner.attempt(LayerBuild.exists(instance)).ok();
        return !exists && runner.attempt(LayerBuild.daemon()).ok();
    }

    /**
     * Copies each layer's files into {@code instance} and runs its cached script, in order (a build, or a launch by the
     * build path).
     */
    public void prepare(String instance, List<Layer> layers) {
        runner.attempt(LayerBuild.awaitBoot(instance));
        for (Layer layer : layers) {
            for (Command push : LayerBuild.files(layer, instance)) {
                run(push);
            }
            if (!layer.cached().isBlank()) {
                script(instance, layer.name() + "'s cached script", layer.cached());
            }
        }
    }

    /** Runs {@code script} with sh -e in {@code instance}, its output streamed; a failure ends with its last lines. */
    public void script(String instance, String what, String script) {
        try {
            runner.run(LayerBuild.script(instance, what, script, scripts), events::scriptLine);
        } catch (CommandFailed failed) {
            throw new Failed(failed.getMessage());
        }
    }

    private Map<TrimRule, Long> trim(LayerBuild build) {
        Map<TrimRule, Long> trimmed = new LinkedHashMap<>();
        for (TrimRule rule : build.layer().trim().rules()) {
            String printed = run(build.trim(rule)).stdout().strip();
            String firstLine = printed.lines().findFirst().orElse("0").strip();
            trimmed.put(rule, firstLine.matches("\\d+") ? Long.parseLong(firstLine) : 0L);
        }
        return trimmed;
    }

    /** Moves the alias in one request (PATCH), so it never points at nothing; creates it the first time. */
    public void pointAlias(Layer layer, String fingerprint, boolean exists) {
        run(LayerBuild.pointAlias(layer, fingerprint, exists));
    }

    /** A builder a killed build left behind is ours by its name; it is deleted before a new one starts. */
    private void removeLeftover(String builder) {
        if (runner.attempt(LayerBuild.exists(builder)).ok()) {
            events.leftoverRemoved(builder);
            run(LayerBuild.delete(builder));
        }
    }

    private CommandRunner.Result run(Command command) {
        try {
            return runner.run(command);
        } catch (CommandFailed failed) {
            throw new Failed(failed.getMessage());
        }
    }
}

package dev.taos.host.app;

import dev.taos.host.apply.ImageBuilder;
import dev.taos.host.core.image.ImageCache;
import dev.taos.host.core.image.ImageStore;
import dev.taos.host.core.image.LaunchPath;
import dev.taos.host.core.image.Layer;
import dev.taos.host.core.plan.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * image launch: an agent from its layer's cached image plus the run preflight; when the layer is not cached yet, by the
 * build path (the nearest cached ancestor plus every cached script, then the run preflight), so a deploy never waits
 * for the cache. It takes no lock: deploys go on while a build runs.
 */
public final class ImageLaunchFlow {

    /** {@code path} is "cached" or "build"; {@code from} the image launched. */
    public record Launched(String instance, String layer, String path, String from, String why, long millis) {}

    /** What a launch tells the operator: its path, the scripts' output, and why it did not launch. */
    public interface Ui extends FlowUi, ImageBuilder.Events {
        void progress(String line);

        /** From the cached {@code alias} ({@code image}), or by the build path when no image is cached, because why. */
        void launching(String instance, String alias, Optional<String> image, String why);

        /** {@code layer} cannot be launched here ({@code why}); nothing was changed. */
        void blocked(String instance, String layer, String why);

        /** {@code layer} is not cached ({@code why}) and --no-build forbids the build path; nothing was changed. */
        void notCached(String instance, String layer, String why);

        /** The instance could not be made ({@code cause}); nothing was. */
        void notCreated(String cause);

        /** The instance was made but its start or a script failed; {@code deleted} when it is gone again. */
        void notPrepared(String instance, String cause, boolean deleted);
    }

    private final Host host;
    private final Ui ui;

    public ImageLaunchFlow(Host host, Ui ui) {
        this.host = host;
        this.ui = ui;
    }

    public ExitCode launch(
            Path file,
            String layerName,
            String instance,
            boolean noBuild,
            Duration scriptLimit,
            Consumer<Launched> report) {
        if (!Names.validInstanceName(instance)) {
            throw new InvalidInput("Failed to launch " + instance
                    + ": an instance name is 1-63 letters, digits and hyphens, starting with a letter"
                    + " and not ending with a hyphen. Choose another name");
        }
        Map<String, Layer> declared = ImagesFile.read(file);
        List<Layer> chain = ImageBuildFlow.ordered(declared, List.of(layerName), "launch " + instance);
        Optional<ImageStore> read = ImageStoreFlow.read(host, "launch " + instance, true, ui);
        if (read.isEmpty()) {
            return ExitCode.UNSUPPORTED_HOST;
        }
        ImageStore store = read.get();
        if (store.hasInstance(instance)) {
            throw new InvalidInput("Failed to launch " + instance
                    + ": an instance with that name already exists. Choose another name");
        }
        LaunchPath path =
                ImageCache.launchPath(declared, layerName, store.cache(), store.arch(), ImagesFile.fileHashes(chain));
        if (path instanceof LaunchPath.Blocked blocked) {
            ui.blocked(instance, layerName, blocked.why());
            return ExitCode.UNSUPPORTED_HOST;
        }
        if (path instanceof LaunchPath.Cold cold && noBuild) {
            ui.notCached(instance, layerName, cold.why());
            return ExitCode.UNSUPPORTED_HOST;
        }
        ImageBuilder builder = new ImageBuilder(host.runner(), scriptLimit, ui);
        long start = host.time().nanoTime();
        Layer layer = path.layer();
        boolean warm = path instanceof LaunchPath.Warm;
        String from = warm ? ((LaunchPath.Warm) path).image() : ((LaunchPath.Cold) path).from();
        String why = warm ? "" : ((LaunchPath.Cold) path).why();
        ui.launching(instance, layer.alias(), warm ? Optional.of(from) : Optional.empty(), why);
        try {
            builder.create(from, instance);
        } catch (ImageBuilder.Failed e) {
            ui.notCreated(e.getMessage());
            return ExitCode.STEP_FAILED;
        }
        try {
            // From here the instance is this run's own: a failure deletes it again (a name taken meanwhile never is).
            builder.start(instance);
            if (path instanceof LaunchPath.Cold cold) {
                builder.prepare(instance, cold.build());
            }
            if (!layer.run().isBlank()) {
                builder.script(instance, layerName + "'s run script", layer.run());
            }
        } catch (ImageBuilder.Failed e) {
            boolean deleted = builder.discard(instance);
            ui.notPrepared(instance, e.getMessage(), deleted);
            return ExitCode.STEP_FAILED;
        }
        long millis = (host.time().nanoTime() - start) / 1_000_000;
        report.accept(new Launched(instance, layerName, warm ? "cached" : "build", from, why, millis));
        return ExitCode.OK;
    }
}

package dev.taos.host.app;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.taos.host.apply.ImageBuilder;
import dev.taos.host.apply.ImageSharing;
import dev.taos.host.core.door.AppDoorState;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.image.ImageCache;
import dev.taos.host.core.image.ImageStore;
import dev.taos.host.core.image.Layer;
import dev.taos.host.core.image.LayerState;
import dev.taos.host.core.plan.AppImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * image build: builds the declared layers that are missing or stale, ancestors first; a second run with nothing changed
 * builds nothing.
 */
public final class ImageBuildFlow {

    /** One layer's result, its key and image, why it was built (or not), and what trimming removed. */
    public record Outcome(
            String layer,
            Status status,
            String key,
            String fingerprint,
            String why,
            long millis,
            Map<String, Long> trimmed) {}

    /**
     * HIT also when only the alias moved to a cached image with the layer's key; SKIPPED after an earlier layer failed.
     */
    public enum Status {
        HIT,
        BUILT,
        BLOCKED,
        FAILED,
        SKIPPED;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code failure} is null when every layer was built or a hit. */
    public record Built(List<Outcome> layers, String failure) {}

    /** What a build tells the operator while it runs: each step and the cached scripts' output. */
    public interface Ui extends FlowUi, ImageBuilder.Events {
        void progress(String line);

        /** {@code alias} moves to the cached image with the layer's key. */
        void pointing(String alias, String fingerprint);

        /** {@code layer} is built from {@code from}, because {@code why}. */
        void building(String layer, String from, String why);
    }

    private final Host host;
    private final Ui ui;

    public ImageBuildFlow(Host host, Ui ui) {
        this.host = host;
        this.ui = ui;
    }

    public ExitCode build(Path file, List<String> names, Duration scriptLimit, Consumer<Built> report) {
        Declared declared = Declared.read(file, names, "build images");
        return HostLock.holding(host, "image build", ui, () -> {
            Optional<ImageStore> read = ImageStoreFlow.read(host, "build images", false, ui);
            if (read.isEmpty()) {
                return ExitCode.UNSUPPORTED_HOST;
            }
            ImageStore store = read.get();
            List<LayerState> states = declared.states(store);
            ImageBuilder builder = new ImageBuilder(host.runner(), scriptLimit, ui);
            List<Outcome> outcomes = new ArrayList<>();
            String failure = null;
            for (LayerState state : states) {
                if (failure != null) {
                    outcomes.add(new Outcome(
                            state.layer().name(), Status.SKIPPED, "", "", "an earlier layer failed", 0, Map.of()));
                } else {
                    long start = host.time().nanoTime();
                    try {
                        outcomes.add(build(builder, state, store, start));
                    } catch (ImageBuilder.Failed e) {
                        failure = e.getMessage();
                        outcomes.add(new Outcome(
                                state.layer().name(), Status.FAILED, "", "", e.getMessage(), elapsed(start), Map.of()));
                    }
                }
            }
            if (failure == null) {
                failure = publish(states, outcomes).orElse(null);
            }
            report.accept(new Built(outcomes, failure));
            if (failure != null) {
                return ExitCode.STEP_FAILED;
            }
            return outcomes.stream().anyMatch(o -> o.status() == Status.BLOCKED)
                    ? ExitCode.UNSUPPORTED_HOST
                    : ExitCode.OK;
        });
    }

    private Outcome build(ImageBuilder builder, LayerState state, ImageStore store, long start) {
        String name = state.layer().name();
        boolean aliasExists = store.cached(state.layer().alias());
        if (state instanceof LayerState.Current current) {
            return new Outcome(
                    name, Status.HIT, current.key().key(), current.fingerprint(), "", elapsed(start), Map.of());
        }
        if (state instanceof LayerState.Cached cached) {
            ui.pointing(state.layer().alias(), cached.fingerprint());
            builder.pointAlias(state.layer(), cached.fingerprint(), aliasExists);
            return new Outcome(
                    name,
                    Status.HIT,
                    cached.key().key(),
                    cached.fingerprint(),
                    "an image with this key was cached; alias moved",
                    elapsed(start),
                    Map.of());
        }
        if (state instanceof LayerState.Blocked blocked) {
            return new Outcome(name, Status.BLOCKED, "", "", blocked.why(), 0, Map.of());
        }
        LayerState.Stale stale = (LayerState.Stale) state;
        ui.building(name, stale.from(), stale.why());
        ImageBuilder.Built built = builder.build(state.layer(), stale.key(), stale.from(), aliasExists);
        Map<String, Long> trimmed = new LinkedHashMap<>();
        built.trimmed().forEach((rule, bytes) -> trimmed.put(rule.id(), bytes));
        return new Outcome(
                name, Status.BUILT, stale.key().key(), built.fingerprint(), stale.why(), elapsed(start), trimmed);
    }

    /** The layers file read, and the host files the named layers (and their ancestors) copy in, hashed. */
    record Declared(Map<String, Layer> layers, List<String> names, Map<String, String> hashes) {
        static Declared read(Path file, List<String> names, String what) {
            Map<String, Layer> layers = ImagesFile.read(file);
            return new Declared(layers, names, ImagesFile.fileHashes(ordered(layers, names, what)));
        }

        List<LayerState> states(ImageStore store) {
            return ImageCache.states(layers, names, store.cache(), store.arch(), hashes);
        }
    }

    /**
     * The layers to look at, ancestors first; an unknown name or a circle of parents is the file's problem (exit 2).
     */
    static List<Layer> ordered(Map<String, Layer> declared, List<String> names, String what) {
        try {
            return ImageCache.buildOrder(declared, names);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(
                    "Failed to " + what + ": " + e.getMessage() + ". Fix the name or the image layers file");
        }
    }

    /**
     * Puts each layer that declares {@code publish} where it is asked (the app's project: its next deploy launches the
     * cached layer) under the alias given, unpacked on that project's pool; empty when all went well.
     */
    private Optional<String> publish(List<LayerState> states, List<Outcome> outcomes) {
        Map<String, List<AppImages.Share>> byProject = new LinkedHashMap<>();
        for (int i = 0; i < states.size(); i++) {
            Layer layer = states.get(i).layer();
            Status status = outcomes.get(i).status();
            if (layer.publish().isPresent() && (status == Status.HIT || status == Status.BUILT)) {
                Layer.Publish publish = layer.publish().get();
                byProject
                        .computeIfAbsent(publish.project(), p -> new ArrayList<>())
                        .add(new AppImages.Share(layer.alias(), publish.alias(), true));
            }
        }
        if (byProject.isEmpty()) {
            return Optional.empty();
        }
        HostFacts facts = host.probe();
        AppDoorState app = AppDoorState.of(facts);
        for (var entry : byProject.entrySet()) {
            boolean forTheApp = entry.getKey().equals(Layer.Publish.APP);
            if (forTheApp && (app.project().isEmpty() || !app.projectExists())) {
                return Optional.of("Failed to publish "
                        + entry.getValue().get(0).alias() + " for the taOS app: "
                        + app.door().describe() + (app.project().isPresent() ? ", and its project is not made yet" : "")
                        + ". Run taos-host setup first, or give publish a project");
            }
            Optional<Project> project =
                    forTheApp ? app.project() : facts.incus().project(entry.getKey());
            if (project.isEmpty()) {
                return Optional.of(
                        "Failed to publish " + entry.getValue().get(0).alias() + ": there is no project \""
                                + entry.getKey() + "\". Create it, or fix publish's project in the image layers file");
            }
            Optional<String> failed = new ImageSharing(host.runner(), ui::progress)
                    .run(AppImages.steps(
                            facts,
                            entry.getValue(),
                            project.get().name(),
                            AppDoorState.launchPool(facts.incus(), project.get())));
            if (failed.isPresent()) {
                return failed;
            }
        }
        return Optional.empty();
    }

    private long elapsed(long start) {
        return (host.time().nanoTime() - start) / 1_000_000;
    }
}

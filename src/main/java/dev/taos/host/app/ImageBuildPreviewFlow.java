package dev.taos.host.app;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Patience;
import dev.taos.host.core.image.ImageStore;
import dev.taos.host.core.image.Layer;
import dev.taos.host.core.image.LayerBuild;
import dev.taos.host.core.image.LayerState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** image build --dry-run: what a build would do for each layer, and the commands it would run, changing nothing. */
public final class ImageBuildPreviewFlow {

    /**
     * What a build would do, layer by layer, ancestors first: {@code action} is hit, point-alias, build or blocked;
     * {@code commands} are what it would run, in order (a layer built on one the preview also builds starts from that
     * one's alias).
     */
    public record Preview(List<LayerPreview> layers) {}

    public record LayerPreview(String layer, String action, String why, List<Command> commands) {}

    private final Host host;
    private final ImageBuildFlow.Ui ui;

    public ImageBuildPreviewFlow(Host host, ImageBuildFlow.Ui ui) {
        this.host = host;
        this.ui = ui;
    }

    /** The build's preview (image build --dry-run): reads the cache, changes nothing, takes no lock. */
    public ExitCode preview(Path file, List<String> names, Duration scriptLimit, Consumer<Preview> report) {
        ImageBuildFlow.Declared declared = ImageBuildFlow.Declared.read(file, names, "preview the image build");
        Optional<ImageStore> read = ImageStoreFlow.read(host, "preview the image build", false, ui);
        if (read.isEmpty()) {
            return ExitCode.UNSUPPORTED_HOST;
        }
        ImageStore store = read.get();
        List<LayerPreview> layers = new ArrayList<>();
        for (LayerState state : declared.states(store)) {
            layers.add(preview(state, store, Patience.script(scriptLimit)));
        }
        report.accept(new Preview(layers));
        return layers.stream().anyMatch(l -> l.action().equals("blocked")) ? ExitCode.UNSUPPORTED_HOST : ExitCode.OK;
    }

    private static LayerPreview preview(LayerState state, ImageStore store, Patience scripts) {
        Layer layer = state.layer();
        boolean aliasExists = store.cached(layer.alias());
        if (state instanceof LayerState.Current) {
            return new LayerPreview(layer.name(), "hit", "cached and current", List.of());
        }
        if (state instanceof LayerState.Cached cached) {
            return new LayerPreview(
                    layer.name(),
                    "point-alias",
                    "an image with this key is cached",
                    List.of(LayerBuild.pointAlias(layer, cached.fingerprint(), aliasExists)));
        }
        if (state instanceof LayerState.Blocked blocked) {
            return new LayerPreview(layer.name(), "blocked", blocked.why(), List.of());
        }
        LayerState.Stale stale = (LayerState.Stale) state;
        return new LayerPreview(
                layer.name(),
                "build",
                stale.why(),
                new LayerBuild(layer, stale.key(), stale.from(), scripts).preview(aliasExists));
    }
}

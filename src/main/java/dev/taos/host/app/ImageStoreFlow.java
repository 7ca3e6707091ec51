package dev.taos.host.app;

import dev.taos.host.apply.HostChanges;
import dev.taos.host.core.facts.IncusFacts.CachedImage;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.image.CachePrune;
import dev.taos.host.core.image.ImageCache;
import dev.taos.host.core.image.ImageStore;
import dev.taos.host.probe.IncusApi;
import dev.taos.host.probe.IncusReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** image list and image prune: the cached layer images in Incus's store, and removing the stale ones. */
public final class ImageStoreFlow {

    /** A cached layer image; {@code current} when the layer's alias points at it. */
    public record Entry(
            String layer,
            String project,
            String key,
            String fingerprint,
            String parentKey,
            long sizeBytes,
            String createdAt,
            String lastUsedAt,
            List<String> aliases) {}

    /** What prune tells the operator and asks. */
    public interface Ui extends FlowUi {
        void keeping(String image, String why);

        void nothingToPrune();

        void removing(List<Entry> removing);

        /** Yes to removing them (--yes, or the operator); an {@link InvalidInput} when nobody can be asked. */
        boolean confirmed(List<Entry> removing);

        void nothingRemoved();

        void removeFailed(List<String> failures);

        void removed(int count);
    }

    private final Host host;
    private final Ui ui;

    public ImageStoreFlow(Host host, Ui ui) {
        this.host = host;
        this.ui = ui;
    }

    /** The image store, or empty after telling {@code ui} that Incus does not answer. */
    static Optional<ImageStore> read(Host host, String what, boolean withInstances, FlowUi ui) {
        try {
            return Optional.of(new IncusReader(host.incus().get()).imageStore(withInstances));
        } catch (IncusApi.IncusUnavailable e) {
            ui.incusDown(what, e.getMessage());
            return Optional.empty();
        }
    }

    public ExitCode list(Consumer<List<Entry>> report) {
        Optional<ImageStore> store = read(host, "list the image cache", false, ui);
        store.ifPresent(s -> report.accept(s.images().stream()
                .filter(i -> i.properties().containsKey(ImageCache.LAYER))
                .map(ImageStoreFlow::entry)
                .toList()));
        return (store.isPresent() ? ExitCode.OK : ExitCode.UNSUPPORTED_HOST);
    }

    /** Says what it would remove and why the rest stays; removes it when the operator (or --yes) agrees. */
    public ExitCode prune(int keep) {
        return HostLock.holding(host, "image prune", ui, () -> {
            Optional<ImageStore> store = read(host, "prune the image cache", true, ui);
            if (store.isEmpty()) {
                return ExitCode.UNSUPPORTED_HOST;
            }
            CachePrune.Decision decision =
                    CachePrune.decide(store.get().images(), store.get().instances(), keep);
            decision.kept().forEach(k -> ui.keeping(label(k.image()), k.why()));
            if (decision.remove().isEmpty()) {
                ui.nothingToPrune();
                return ExitCode.OK;
            }
            List<Entry> removing =
                    decision.remove().stream().map(ImageStoreFlow::entry).toList();
            ui.removing(removing);
            if (!ui.confirmed(removing)) {
                ui.nothingRemoved();
                return ExitCode.INTERRUPTED;
            }
            HostChanges changes = new HostChanges(host.runner());
            List<String> failed = new ArrayList<>();
            for (CachedImage image : decision.remove()) {
                changes.make(CachePrune.removal(image))
                        .ifPresent(e -> failed.add(image.fingerprint().substring(0, 12) + ": " + e.cause()));
            }
            if (!failed.isEmpty()) {
                ui.removeFailed(failed);
                return ExitCode.STEP_FAILED;
            }
            ui.removed(removing.size());
            return ExitCode.OK;
        });
    }

    private static String label(CachedImage image) {
        return image.properties().get(ImageCache.LAYER) + " "
                + image.fingerprint().substring(0, 12)
                + (image.in(Project.DEFAULT) ? "" : " in project " + image.project());
    }

    private static Entry entry(CachedImage image) {
        return new Entry(
                image.properties().get(ImageCache.LAYER),
                image.project(),
                image.properties().getOrDefault(ImageCache.KEY, ""),
                image.fingerprint(),
                image.properties().getOrDefault(ImageCache.PARENT_KEY, ""),
                image.sizeBytes(),
                image.createdAt(),
                image.lastUsedAt(),
                image.aliases());
    }
}

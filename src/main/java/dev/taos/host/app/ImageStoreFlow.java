package dev.taos.host.app;

import dev.taos.host.core.facts.IncusFacts.CachedImage;
import dev.taos.host.core.image.CachePrune;
import dev.taos.host.core.image.ImageCache;
import dev.taos.host.core.image.ImageStore;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.probe.IncusApi;
import dev.taos.host.probe.IncusReader;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/** image list and image prune: the cached layer images in Incus's store, and removing the stale ones. */
public final class ImageStoreFlow {

    /** A cached layer image; {@code current} when the layer's alias points at it. */
    public record Entry(
            String layer,
            String key,
            String fingerprint,
            String parentKey,
            long sizeBytes,
            String createdAt,
            String lastUsedAt,
            List<String> aliases) {}

    private final Host host;
    private final PrintStream err;

    public ImageStoreFlow(Host host, PrintStream err) {
        this.host = host;
        this.err = err;
    }

    /** The image store, or empty after telling the operator that Incus does not answer. */
    static Optional<ImageStore> read(Host host, String what, boolean withInstances, PrintStream err) {
        try {
            return Optional.of(new IncusReader(host.incus().get()).imageStore(withInstances));
        } catch (IncusApi.IncusUnavailable e) {
            err.println("Failed to " + what + ": the Incus daemon does not answer (" + e.getMessage()
                    + "). Start Incus, then run again.");
            return Optional.empty();
        }
    }

    public int list(ToIntFunction<List<Entry>> report) {
        return read(host, "list the image cache", false, err)
                .map(store -> report.applyAsInt(store.images().stream()
                        .filter(i -> i.properties().containsKey(ImageCache.LAYER))
                        .map(ImageStoreFlow::entry)
                        .toList()))
                .orElse(ExitCode.UNSUPPORTED_HOST.code());
    }

    /**
     * Lists what it would remove and why the rest stays; removes it when {@code confirm} agrees (--yes, or the
     * operator).
     */
    public int prune(int keep, Predicate<List<Entry>> confirm, PrintStream out) {
        return HostLock.holding(host, "image prune", err, () -> {
            Optional<ImageStore> store = read(host, "prune the image cache", true, err);
            if (store.isEmpty()) {
                return ExitCode.UNSUPPORTED_HOST.code();
            }
            CachePrune.Decision decision =
                    CachePrune.decide(store.get().images(), store.get().instances(), keep);
            decision.kept().forEach(k -> out.println("Keeping  " + label(k.image()) + ": " + k.why()));
            if (decision.remove().isEmpty()) {
                out.println("Nothing to prune.");
                return ExitCode.OK.code();
            }
            List<Entry> removing =
                    decision.remove().stream().map(ImageStoreFlow::entry).toList();
            removing.forEach(e -> out.println("Removing " + e.layer() + " "
                    + e.fingerprint().substring(0, 12) + " (stale, built " + e.createdAt() + ")"));
            if (!confirm.test(removing)) {
                out.println("Nothing was removed.");
                return ExitCode.INTERRUPTED.code();
            }
            List<String> failed = new ArrayList<>();
            for (Entry entry : removing) {
                CommandRunner.Result result = host.runner()
                        .run(List.of("incus", "image", "delete", entry.fingerprint()), Duration.ofMinutes(5));
                if (!result.ok()) {
                    failed.add(entry.fingerprint().substring(0, 12) + ": " + result.tail());
                }
            }
            if (!failed.isEmpty()) {
                err.println("Failed to remove " + failed.size() + " image(s): " + String.join("; ", failed)
                        + ". The others were removed; run again.");
                return ExitCode.STEP_FAILED.code();
            }
            out.println("Removed " + removing.size() + " stale image(s).");
            return ExitCode.OK.code();
        });
    }

    private static String label(CachedImage image) {
        return image.properties().get(ImageCache.LAYER) + " "
                + image.fingerprint().substring(0, 12);
    }

    private static Entry entry(CachedImage image) {
        return new Entry(
                image.properties().get(ImageCache.LAYER),
                image.properties().getOrDefault(ImageCache.KEY, ""),
                image.fingerprint(),
                image.properties().getOrDefault(ImageCache.PARENT_KEY, ""),
                image.sizeBytes(),
                image.createdAt(),
                image.lastUsedAt(),
                image.aliases());
    }
}

package dev.taos.host.app;

import dev.taos.host.apply.ImageInspector;
import dev.taos.host.core.facts.IncusFacts.CachedImage;
import dev.taos.host.core.image.ImageStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** image report: where an image's bytes are, measured by {@link ImageInspector}; one image or two side by side. */
public final class ImageReportFlow {

    /** {@code against} is null without --against. */
    public record Report(ImageInspector.Measured image, ImageInspector.Measured against) {}

    /** What a report says besides its figures. */
    public interface Ui extends FlowUi {
        /** Measuring failed ({@code cause}); the temporary instance and export were deleted. */
        void notMeasured(String cause);
    }

    private final Host host;
    private final Ui ui;

    public ImageReportFlow(Host host, Ui ui) {
        this.host = host;
        this.ui = ui;
    }

    public ExitCode report(String image, String against, Consumer<Report> report) {
        Optional<ImageStore> store = ImageStoreFlow.read(host, "report on " + image, false, ui);
        if (store.isEmpty()) {
            return ExitCode.UNSUPPORTED_HOST;
        }
        CachedImage first = find(store.get().images(), image);
        CachedImage second = against == null ? null : find(store.get().images(), against);
        ImageInspector inspector =
                new ImageInspector(host.runner(), host.stateDir().resolve("image-report"));
        try {
            report.accept(new Report(inspector.measure(first), second == null ? null : inspector.measure(second)));
            return ExitCode.OK;
        } catch (ImageInspector.Failed e) {
            ui.notMeasured(e.getMessage());
            return ExitCode.STEP_FAILED;
        }
    }

    private static CachedImage find(List<CachedImage> images, String name) {
        return images.stream()
                .filter(i -> i.aliases().contains(name))
                .findFirst()
                .or(() -> name.length() >= 6
                        ? images.stream()
                                .filter(i -> i.fingerprint().startsWith(name))
                                .findFirst()
                        : Optional.empty())
                .orElseThrow(() -> new InvalidInput(
                        "Failed to report on " + name + ": there is no image with that alias or fingerprint (6 or more"
                                + " characters). See incus image list"));
    }
}

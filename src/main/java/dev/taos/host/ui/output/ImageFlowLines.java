package dev.taos.host.ui.output;

import dev.taos.host.app.ImageBuildFlow;
import dev.taos.host.app.ImageLaunchFlow;
import dev.taos.host.app.ImageReportFlow;
import java.io.PrintStream;
import java.util.Optional;

/**
 * What image build, launch and report say while they run: progress on {@code progress} (stderr when stdout carries
 * JSON), problems on stderr. Their results are printed by {@link ImageReport}.
 */
public final class ImageFlowLines implements ImageBuildFlow.Ui, ImageLaunchFlow.Ui, ImageReportFlow.Ui, FlowLines {

    private final PrintStream progress;
    private final PrintStream err;

    public ImageFlowLines(PrintStream progress, PrintStream err) {
        this.progress = progress;
        this.err = err;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    @Override
    public void progress(String line) {
        progress.println(line);
    }

    @Override
    public void scriptLine(String line) {
        progress.println("  | " + line);
    }

    @Override
    public void leftoverRemoved(String builder) {
        progress.println("Removing " + builder + ", left behind by an interrupted build.");
    }

    @Override
    public void builderKept(String builder) {
        progress.println(
                "Could not delete the builder " + builder + " (does Incus answer?); the next image build removes it.");
    }

    @Override
    public void notUnpacked() {
        progress.println(
                "Note: the new image was not unpacked on the pool ahead of time; the first launch from it will do"
                        + " that.");
    }

    @Override
    public void pointing(String alias, String fingerprint) {
        progress.println("Pointing " + alias + " at the cached image " + fingerprint.substring(0, 12) + " (same key).");
    }

    @Override
    public void building(String layer, String from, String why) {
        progress.println("Building " + layer + " from " + from + " (" + why + ")...");
    }

    @Override
    public void launching(String instance, String alias, Optional<String> image, String why) {
        progress.println(
                image.isPresent()
                        ? "Launching " + instance + " from the cached " + alias + " ("
                                + image.get().substring(0, 12) + ")."
                        : "Launching " + instance + " by the build path: " + why + ".");
    }

    @Override
    public void blocked(String instance, String layer, String why) {
        err.println("Failed to launch " + instance + ": " + layer + " " + why
                + ". Fetch or import it, then run again; nothing was changed.");
    }

    @Override
    public void notCached(String instance, String layer, String why) {
        err.println(
                "Failed to launch " + instance + ": " + why + " and --no-build was given. Run taos-host image build "
                        + layer + ", or launch without --no-build; nothing was changed.");
    }

    @Override
    public void notCreated(String cause) {
        err.println(cause + ". Nothing was made.");
    }

    @Override
    public void notPrepared(String instance, String cause, boolean deleted) {
        err.println(cause);
        err.println(
                deleted
                        ? instance + " was deleted again, so its name is free; fix the cause (a script: in the image"
                                + " layers file), then launch again."
                        : instance + " could not be deleted (does Incus answer?); delete it with incus delete --force "
                                + instance + ", then launch again.");
    }

    @Override
    public void notMeasured(String cause) {
        err.println(cause + " The temporary instance and export were deleted.");
    }
}

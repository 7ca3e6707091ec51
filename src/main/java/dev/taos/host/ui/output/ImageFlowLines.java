package dev.taos.host.ui.output;

import dev.taos.host.app.ImageBuildFlow;
import dev.taos.host.app.ImageLaunchFlow;
import dev.taos.host.app.ImageReportFlow;
import java.io.PrintStream;

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

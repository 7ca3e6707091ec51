package dev.taos.host.ui.output;

import dev.taos.host.app.ImageStoreFlow;
import dev.taos.host.app.InvalidInput;
import dev.taos.host.ui.Operator;
import java.io.PrintStream;
import java.util.List;

/** What image list and image prune say: the listing and the decision on stdout, failures on stderr. */
public final class ImageStoreReport implements ImageStoreFlow.Ui, FlowLines {

    private final PrintStream out;
    private final PrintStream err;
    private final Operator operator;
    private final boolean yes;

    /** {@code yes}: remove without asking. */
    public ImageStoreReport(PrintStream out, PrintStream err, Operator operator, boolean yes) {
        this.out = out;
        this.err = err;
        this.operator = operator;
        this.yes = yes;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    @Override
    public void keeping(String image, String why) {
        out.println("Keeping  " + image + ": " + why);
    }

    @Override
    public void nothingToPrune() {
        out.println("Nothing to prune.");
    }

    @Override
    public void removing(List<ImageStoreFlow.Entry> removing) {
        removing.forEach(e -> out.println("Removing " + e.layer() + " "
                + e.fingerprint().substring(0, 12) + " (stale, built " + e.createdAt() + ")"));
    }

    @Override
    public boolean confirmed(List<ImageStoreFlow.Entry> removing) {
        return yes
                || operator.confirm("Remove these " + removing.size() + " image(s)?")
                        .orElseThrow(() -> new InvalidInput("Failed to prune the image cache: there is no terminal to"
                                + " confirm on. Run with --yes to go ahead unattended"));
    }

    @Override
    public void nothingRemoved() {
        out.println("Nothing was removed.");
    }

    @Override
    public void removeFailed(List<String> failures) {
        err.println("Failed to remove " + failures.size() + " image(s): " + String.join("; ", failures)
                + ". The others were removed; run again.");
    }

    @Override
    public void removed(int count) {
        out.println("Removed " + count + " stale image(s).");
    }
}

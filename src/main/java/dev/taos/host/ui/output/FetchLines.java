package dev.taos.host.ui.output;

import dev.taos.host.app.BaseImageFetchFlow;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What fetch-base-image says: progress on stdout, every failure and retry on stderr. */
public final class FetchLines implements BaseImageFetchFlow.Ui {

    private final PrintStream out;
    private final PrintStream err;

    public FetchLines(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void progress(String line) {
        out.println(line);
    }

    @Override
    public void downloading(String url) {
        out.println("Downloading " + url + " ...");
    }

    @Override
    public void downloaded(long bytes, String sha256) {
        out.println(String.format("Downloaded %d bytes, SHA-256 %s.", bytes, sha256));
    }

    @Override
    public void checksumMatches(String checksumUrl) {
        out.println("SHA-256 matches " + checksumUrl + ".");
    }

    @Override
    public void noChecksum(String checksumUrl) {
        out.println("The release publishes no checksum (" + checksumUrl + " is missing): checking the archive itself.");
    }

    @Override
    public void imported(String asset, String alias) {
        out.println("Imported " + asset + " as " + alias + ".");
    }

    @Override
    public void downloadKept(Path file, String cause) {
        out.println("Could not delete " + file + " (" + cause + "); the next attempt overwrites it.");
    }

    @Override
    public void fetchRunning(String holder) {
        err.println("Failed to fetch the base image: another fetch (PID " + holder + ") is running. Let it finish.");
    }

    @Override
    public void alreadyImported(List<String> aliases) {
        out.println("Nothing to fetch: " + String.join(", ", aliases) + (aliases.size() == 1 ? " is" : " are")
                + " already imported.");
    }

    @Override
    public void notPublished(String alias, String url) {
        out.println("The release publishes no " + alias + " (" + url + " is not there): the app falls back to its"
                + " next image for that framework.");
    }

    @Override
    public void refused(String problem, String remedy) {
        err.println("Failed to fetch the base image: " + problem + ". To go on: " + remedy + ".");
    }

    @Override
    public void failed(String cause) {
        err.println(cause + ". The download was deleted and nothing was imported; fix the cause, then run again.");
    }

    @Override
    public void retrying(String cause, int nextAttempt, Duration wait, String at) {
        err.println(cause + ". Nothing was imported; attempt " + nextAttempt + " in " + wait.toSeconds() + " s (at "
                + at + ").");
    }

    @Override
    public void statusNotWritten(String problem) {
        err.println(problem);
    }
}

package dev.taos.host.app;

import dev.taos.host.apply.BaseImageImport;
import dev.taos.host.apply.FetchStatusFile;
import dev.taos.host.apply.ImageSharing;
import dev.taos.host.apply.RunLock;
import dev.taos.host.core.image.BaseImage;
import dev.taos.host.core.image.FetchStatus;
import dev.taos.host.core.plan.AppImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * fetch-base-image, what taos-base-image.service runs: download, check and import the base image; with {@code retry},
 * again after each failure with back-off until it is in. Each attempt's outcome is recorded for verify.
 */
public final class BaseImageFetchFlow {

    /** What a fetch tells the operator (or, run by its service, the journal). */
    public interface Ui extends BaseImageImport.Events {
        void progress(String line);

        /** Another fetch (PID {@code holder}) is running. */
        void fetchRunning(String holder);

        /** Every base image is in the default project already. */
        void alreadyImported(List<String> aliases);

        /** The release publishes no asset for this image: the app falls back to its next one. */
        void notPublished(String alias, String url);

        void refused(String problem, String remedy);

        /** The one attempt failed ({@code cause}); the download was deleted. */
        void failed(String cause);

        void retrying(String cause, int nextAttempt, Duration wait, String at);

        /** The fetch status file could not be written ({@code problem}); the fetch itself goes on. */
        void statusNotWritten(String problem);
    }

    private final Host host;
    private final Ui ui;

    public BaseImageFetchFlow(Host host, Ui ui) {
        this.host = host;
        this.ui = ui;
    }

    /**
     * {@code base} is where the release assets are. A second fetch at once waits for nothing: it is refused (exit 5).
     */
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    public ExitCode run(String base, boolean retry) {
        Path downloads = host.stateDir().resolve("downloads");
        createDirectories(downloads);
        Optional<RunLock> lock = RunLock.tryAcquire(downloads, host.pid());
        if (lock.isEmpty()) {
            ui.fetchRunning(RunLock.holder(downloads));
            return ExitCode.LOCKED;
        }
        try (RunLock held = lock.get()) {
            return fetch(base, retry, downloads, new FetchStatusFile(host.stateDir()));
        }
    }

    /** Attempts until the images are there; without --retry, once. */
    private ExitCode fetch(String base, boolean retry, Path downloads, FetchStatusFile status) {
        BaseImageImport importer = new BaseImageImport(host.runner(), host.download(), ui);
        for (int attempt = 1; ; attempt++) {
            List<BaseImage.Decision> decisions = BaseImage.decide(host.probe(), base);
            if (decisions.get(0) instanceof BaseImage.Decision.Refused refused && (refused.invalidInput() || !retry)) {
                ui.refused(refused.problem(), refused.remedy());
                record(status, new FetchStatus(FetchStatus.State.FAILED, attempt, refused.problem(), now(), null));
                return (refused.invalidInput() ? ExitCode.INVALID_INPUT : ExitCode.UNSUPPORTED_HOST);
            }
            Optional<String> failed = decisions.get(0) instanceof BaseImage.Decision.Refused refused
                    ? Optional.of(refused.problem())
                    : fetchEach(decisions, importer, downloads, attempt == 1);
            if (failed.isEmpty()) {
                record(status, new FetchStatus(FetchStatus.State.DONE, attempt, null, now(), null));
                return ExitCode.OK;
            }
            if (!retry) {
                ui.failed(failed.get());
                record(status, new FetchStatus(FetchStatus.State.FAILED, attempt, failed.get(), now(), null));
                return ExitCode.STEP_FAILED;
            }
            Duration wait = FetchStatus.waitAfter(attempt);
            String next = host.time().clock().instant().plus(wait).toString();
            ui.retrying(failed.get(), attempt + 1, wait, next);
            record(status, new FetchStatus(FetchStatus.State.RETRYING, attempt, failed.get(), now(), next));
            host.time().sleep(wait);
        }
    }

    /**
     * Imports each missing base image, then puts them where the app launches them; empty when done, else why not. An
     * image the release does not publish is passed over; one that fails while another is in is said and left to the
     * next run (the app falls back to its next image meanwhile), so a host without a network keeps what it has.
     */
    private Optional<String> fetchEach(
            List<BaseImage.Decision> decisions, BaseImageImport importer, Path downloads, boolean first) {
        List<String> present = decisions.stream()
                .filter(BaseImage.Decision.Present.class::isInstance)
                .map(d -> ((BaseImage.Decision.Present) d).alias())
                .toList();
        List<BaseImage.Decision.Fetch> missing = decisions.stream()
                .filter(BaseImage.Decision.Fetch.class::isInstance)
                .map(BaseImage.Decision.Fetch.class::cast)
                .toList();
        if (missing.isEmpty() && first) {
            ui.alreadyImported(present);
        }
        List<String> failures = new ArrayList<>();
        List<String> unpublished = new ArrayList<>();
        int imported = present.size();
        for (BaseImage.Decision.Fetch fetch : missing) {
            BaseImageImport.Outcome outcome = importer.attempt(fetch, downloads);
            if (outcome instanceof BaseImageImport.Outcome.Imported) {
                imported++;
            } else if (outcome instanceof BaseImageImport.Outcome.NotPublished notThere) {
                unpublished.add(notThere.url());
                ui.notPublished(fetch.alias(), notThere.url());
            } else {
                failures.add(((BaseImageImport.Outcome.Failed) outcome).cause());
            }
        }
        if (imported == 0) {
            // What failed is the cause; with nothing failed, the release publishes none of them.
            return Optional.of(String.join(
                    "; ",
                    !failures.isEmpty()
                            ? failures
                            : unpublished.stream()
                                    .map(url -> "Failed to download " + url
                                            + ": the server answered HTTP 404 (no such file)")
                                    .toList()));
        }
        failures.forEach(cause ->
                ui.progress(cause + "; the app falls back to its next image, and the next fetch tries" + " again."));
        return new ImageSharing(host.runner(), ui::progress)
                .run(AppImages.forTheApp(host.probe(), AppImages.Share.baseImages(BaseImage.aliases())));
    }

    private void record(FetchStatusFile status, FetchStatus value) {
        status.write(value).ifPresent(ui::statusNotWritten);
    }

    private String now() {
        return Instant.now(host.time().clock()).toString();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Failed to create " + dir + ": " + e.getMessage() + ". Run taos-host as root.", e);
        }
    }
}

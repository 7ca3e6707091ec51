package dev.taos.host.app;

import dev.taos.host.apply.BaseImageImport;
import dev.taos.host.apply.FetchStatusFile;
import dev.taos.host.apply.RunLock;
import dev.taos.host.core.image.BaseImage;
import dev.taos.host.core.image.FetchStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * fetch-base-image, what taos-base-image.service runs: download, check and import the base image; with {@code retry},
 * again after each failure with back-off until it is in. Each attempt's outcome is recorded for verify.
 */
public final class BaseImageFetchFlow {

    /** What a fetch tells the operator (or, run by its service, the journal). */
    public interface Ui {
        void progress(String line);

        /** Another fetch (PID {@code holder}) is running. */
        void fetchRunning(String holder);

        void alreadyImported(String fingerprint);

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
    public int run(String base, boolean retry) {
        Path downloads = host.stateDir().resolve("downloads");
        createDirectories(downloads);
        Optional<RunLock> lock = RunLock.tryAcquire(downloads, host.pid());
        if (lock.isEmpty()) {
            ui.fetchRunning(RunLock.holder(downloads));
            return ExitCode.LOCKED.code();
        }
        try (RunLock held = lock.get()) {
            return fetch(base, retry, downloads, new FetchStatusFile(host.stateDir()));
        }
    }

    /** Attempts until the image is there; without --retry, once. */
    private int fetch(String base, boolean retry, Path downloads, FetchStatusFile status) {
        BaseImageImport importer = new BaseImageImport(host.runner(), host.download(), ui::progress);
        for (int attempt = 1; ; attempt++) {
            BaseImage.Decision decision = BaseImage.decide(host.probe(), base);
            if (decision instanceof BaseImage.Decision.Present present) {
                if (attempt == 1) {
                    ui.alreadyImported(present.fingerprint());
                }
                record(status, new FetchStatus(FetchStatus.State.DONE, attempt - 1, null, now(), null));
                return ExitCode.OK.code();
            }
            if (decision instanceof BaseImage.Decision.Refused refused && (refused.invalidInput() || !retry)) {
                ui.refused(refused.problem(), refused.remedy());
                record(status, new FetchStatus(FetchStatus.State.FAILED, attempt, refused.problem(), now(), null));
                return (refused.invalidInput() ? ExitCode.INVALID_INPUT : ExitCode.UNSUPPORTED_HOST).code();
            }
            Optional<String> failed = decision instanceof BaseImage.Decision.Fetch fetch
                    ? importer.attempt(fetch, downloads)
                    : Optional.of(((BaseImage.Decision.Refused) decision).problem());
            if (failed.isEmpty()) {
                record(status, new FetchStatus(FetchStatus.State.DONE, attempt, null, now(), null));
                return ExitCode.OK.code();
            }
            if (!retry) {
                ui.failed(failed.get());
                record(status, new FetchStatus(FetchStatus.State.FAILED, attempt, failed.get(), now(), null));
                return ExitCode.STEP_FAILED.code();
            }
            Duration wait = FetchStatus.waitAfter(attempt);
            String next = host.time().clock().instant().plus(wait).toString();
            ui.retrying(failed.get(), attempt + 1, wait, next);
            record(status, new FetchStatus(FetchStatus.State.RETRYING, attempt, failed.get(), now(), next));
            host.time().sleep(wait);
        }
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

package dev.taos.host.cli;

import dev.taos.host.ExitCode;
import dev.taos.host.apply.BaseImageImport;
import dev.taos.host.apply.FetchStatusFile;
import dev.taos.host.apply.RunLock;
import dev.taos.host.core.image.BaseImage;
import dev.taos.host.core.image.FetchStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** What taos-base-image.service runs (opt-in, idle priority, with --retry); an operator can run it by hand too. */
@Command(mixinStandardHelpOptions = true, name = "fetch-base-image", description = {
    "Download the taOS base image for this host's arch, verify it, and import it as " + BaseImage.ALIAS + ".",
    "Does nothing when the alias is already present. Verifies the SHA-256 the release publishes next to the asset, when it does,",
    "and always that the archive is complete and is an Incus image, before importing."})
final class FetchBaseImageCommand implements Callable<Integer> {

    @ParentCommand
    TaosHostCommand parent;

    @Option(names = "--url", paramLabel = "BASE",
            description = "Where the release assets are (default: $" + BaseImage.URL_VARIABLE + ", else " + BaseImage.DEFAULT_BASE_URL + ").")
    String url;

    @Option(names = "--retry", description = "After a failure, try again (15 s later, doubling up to 15 min) until the image is imported;"
            + " what the background unit runs, so a host that boots before its network still gets the image.")
    boolean retry;

    @Override
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    public Integer call() {
        HostEnvironment env = parent.environment();
        PrintStream err = parent.err();
        String base = Optional.ofNullable(url).or(() -> Optional.ofNullable(System.getenv(BaseImage.URL_VARIABLE))).orElse(BaseImage.DEFAULT_BASE_URL);
        Path downloads = env.stateDir().resolve("downloads");
        createDirectories(downloads);
        Optional<RunLock> lock = RunLock.tryAcquire(downloads, env.pid());
        if (lock.isEmpty()) {
            err.println("Failed to fetch the base image: another fetch (PID " + RunLock.holder(downloads) + ") is running. Let it finish.");
            return ExitCode.LOCKED.code();
        }
        try (RunLock held = lock.get()) {
            return fetch(env, base, downloads, new FetchStatusFile(env.stateDir()));
        }
    }

    /** Attempts until the image is there; without --retry, once. */
    private int fetch(HostEnvironment env, String base, Path downloads, FetchStatusFile status) {
        BaseImageImport importer = new BaseImageImport(env.runner(), env.download(), parent.out());
        for (int attempt = 1; ; attempt++) {
            BaseImage.Decision decision = BaseImage.decide(env.probe(null), base);
            if (decision instanceof BaseImage.Decision.Present present) {
                if (attempt == 1) {
                    parent.out().println("Nothing to do: " + BaseImage.ALIAS + " is already imported (" + present.fingerprint().substring(0, 12) + ").");
                }
                record(status, new FetchStatus(FetchStatus.State.DONE, attempt - 1, null, now(env), null));
                return ExitCode.OK.code();
            }
            if (decision instanceof BaseImage.Decision.Refused refused && (refused.invalidInput() || !retry)) {
                parent.err().println("Failed to fetch the base image: " + refused.problem() + ". To go on: " + refused.remedy() + ".");
                record(status, new FetchStatus(FetchStatus.State.FAILED, attempt, refused.problem(), now(env), null));
                return (refused.invalidInput() ? ExitCode.INVALID_INPUT : ExitCode.UNSUPPORTED_HOST).code();
            }
            Optional<String> failed = decision instanceof BaseImage.Decision.Fetch fetch ? importer.attempt(fetch, downloads)
                    : Optional.of(((BaseImage.Decision.Refused) decision).problem());
            if (failed.isEmpty()) {
                record(status, new FetchStatus(FetchStatus.State.DONE, attempt, null, now(env), null));
                return ExitCode.OK.code();
            }
            if (!retry) {
                parent.err().println(failed.get() + ". The download was deleted and nothing was imported; fix the cause, then run again.");
                record(status, new FetchStatus(FetchStatus.State.FAILED, attempt, failed.get(), now(env), null));
                return ExitCode.STEP_FAILED.code();
            }
            Duration wait = FetchStatus.waitAfter(attempt);
            String next = env.clock().instant().plus(wait).toString();
            parent.err().println(failed.get() + ". Nothing was imported; attempt " + (attempt + 1) + " in " + wait.toSeconds() + " s (at " + next + ").");
            record(status, new FetchStatus(FetchStatus.State.RETRYING, attempt, failed.get(), now(env), next));
            env.sleep(wait);
        }
    }

    private void record(FetchStatusFile status, FetchStatus value) {
        status.write(value).ifPresent(parent.err()::println);
    }

    private static String now(HostEnvironment env) {
        return Instant.now(env.clock()).toString();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create " + dir + ": " + e.getMessage() + ". Run taos-host as root.", e);
        }
    }
}

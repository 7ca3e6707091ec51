package dev.taos.host.cli;

import dev.taos.host.ExitCode;
import dev.taos.host.apply.Download;
import dev.taos.host.apply.RunLock;
import dev.taos.host.core.image.BaseImage;
import dev.taos.host.exec.CommandRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** What taos-base-image.service runs (opt-in, idle priority); an operator can run it by hand too. */
@Command(name = "fetch-base-image", description = {
    "Download the taOS base image for this host's arch, verify it, and import it as " + BaseImage.ALIAS + ".",
    "Does nothing when the alias is already present. Verifies the SHA-256 the release publishes next to the asset, when it does,",
    "and always that the archive is complete and is an Incus image, before importing."})
final class FetchBaseImageCommand implements Callable<Integer> {

    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(30);

    @ParentCommand
    TaosHostCommand parent;

    @Option(names = "--url", paramLabel = "BASE",
            description = "Where the release assets are (default: $" + BaseImage.URL_VARIABLE + ", else " + BaseImage.DEFAULT_BASE_URL + ").")
    String url;

    @Override
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    public Integer call() {
        HostEnvironment env = parent.environment();
        PrintStream out = parent.out();
        PrintStream err = parent.err();
        String base = Optional.ofNullable(url).or(() -> Optional.ofNullable(System.getenv(BaseImage.URL_VARIABLE))).orElse(BaseImage.DEFAULT_BASE_URL);
        BaseImage.Decision decision = BaseImage.decide(env.probe(null), base);
        if (decision instanceof BaseImage.Decision.Present present) {
            out.println("Nothing to do: " + BaseImage.ALIAS + " is already imported (" + present.fingerprint().substring(0, 12) + ").");
            return ExitCode.OK.code();
        }
        if (decision instanceof BaseImage.Decision.Refused refused) {
            err.println("Failed to fetch the base image: " + refused.problem() + ". To go on: " + refused.remedy() + ".");
            return (refused.invalidInput() ? ExitCode.INVALID_INPUT : ExitCode.UNSUPPORTED_HOST).code();
        }
        var fetch = (BaseImage.Decision.Fetch) decision;
        Path downloads = env.stateDir().resolve("downloads");
        createDirectories(downloads);
        Optional<RunLock> lock = RunLock.tryAcquire(downloads, env.pid());
        if (lock.isEmpty()) {
            err.println("Failed to fetch the base image: another fetch (PID " + RunLock.holder(downloads) + ") is running. Let it finish.");
            return ExitCode.LOCKED.code();
        }
        Path file = downloads.resolve(fetch.asset());
        try (RunLock held = lock.get()) {
            return fetchAndImport(env.runner(), env.download(), fetch, file, out, err);
        } finally {
            deleteQuietly(file);
        }
    }

    private static int fetchAndImport(CommandRunner runner, Download download, BaseImage.Decision.Fetch fetch, Path file, PrintStream out, PrintStream err) {
        Download.Saved saved;
        Optional<String> checksum;
        try {
            out.println("Downloading " + fetch.url() + " ...");
            saved = download.save(fetch.url(), file);
            checksum = download.text(fetch.checksumUrl());
        } catch (IOException e) {
            err.println("Failed to download " + fetch.url() + ": " + e.getMessage() + ". Nothing was imported; check the network and the address, then run again.");
            return ExitCode.STEP_FAILED.code();
        }
        out.printf("Downloaded %d bytes, SHA-256 %s.%n", saved.bytes(), saved.sha256());
        if (checksum.isPresent()) {
            Optional<String> published = BaseImage.publishedHash(checksum.get());
            if (published.isEmpty() || !published.get().equals(saved.sha256())) {
                err.println("Failed to verify " + fetch.asset() + ": its SHA-256 is " + saved.sha256() + ", the release says "
                        + published.orElse("nothing readable") + ". The download was deleted and nothing was imported; run again later.");
                return ExitCode.STEP_FAILED.code();
            }
            out.println("SHA-256 matches " + fetch.checksumUrl() + ".");
        } else {
            out.println("The release publishes no checksum (" + fetch.checksumUrl() + " is missing): checking the archive itself.");
        }
        CommandRunner.Result listing = runner.run(List.of("tar", "-tzf", file.toString()), IMPORT_TIMEOUT);
        Optional<String> problem = listing.ok() ? BaseImage.archiveProblem(listing.stdout().lines().toList())
                : Optional.of("tar cannot read it to the end (" + listing.tail() + ")");
        if (problem.isPresent()) {
            err.println("Failed to verify " + fetch.asset() + ": " + problem.get() + ". The download was deleted and nothing was imported; run again later.");
            return ExitCode.STEP_FAILED.code();
        }
        CommandRunner.Result imported = runner.run(List.of("incus", "image", "import", file.toString(), "--alias", BaseImage.ALIAS), IMPORT_TIMEOUT);
        if (!imported.ok()) {
            err.println("Failed to import " + fetch.asset() + " as " + BaseImage.ALIAS + ": " + imported.tail() + ". Fix the cause above, then run again.");
            return ExitCode.STEP_FAILED.code();
        }
        out.println("Imported " + fetch.asset() + " as " + BaseImage.ALIAS + ".");
        return ExitCode.OK.code();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create " + dir + ": " + e.getMessage() + ". Run taos-host as root.", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The next run overwrites it; nothing else reads the downloads directory.
        }
    }
}

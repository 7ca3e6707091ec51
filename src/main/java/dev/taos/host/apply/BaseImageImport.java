package dev.taos.host.apply;

import dev.taos.host.core.command.HostTools;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.image.BaseImage;
import dev.taos.host.exec.CommandFailed;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.exec.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One attempt at a base image: download it into the state directory, check its SHA-256 (when the release publishes one)
 * and that it is a complete Incus image, import it under its alias, and delete the download whatever happens.
 */
public final class BaseImageImport {

    /** What one attempt came to. */
    public sealed interface Outcome {
        record Imported() implements Outcome {}

        /** The release publishes no such asset (HTTP 404): not an error, and not tried again. */
        record NotPublished(String url) implements Outcome {}

        /** Why not, in words for the operator (never "null"). */
        record Failed(String cause) implements Outcome {}
    }

    /** How an attempt goes, step by step; ui/ words it. */
    public interface Events {
        void downloading(String url);

        void downloaded(long bytes, String sha256);

        void checksumMatches(String checksumUrl);

        /** The release publishes no checksum: the archive itself is checked. */
        void noChecksum(String checksumUrl);

        void imported(String asset, String alias);

        /** The download could not be deleted; the next attempt overwrites it. */
        void downloadKept(Path file, String cause);
    }

    private final Runner runner;
    private final Download download;
    private final Events events;

    public BaseImageImport(Runner runner, Download download, Events events) {
        this.runner = runner;
        this.download = download;
        this.events = events;
    }

    public Outcome attempt(BaseImage.Decision.Fetch fetch, Path downloads) {
        Path file = downloads.resolve(fetch.asset());
        try {
            return fetchAndImport(fetch, file).<Outcome>map(Outcome.Failed::new).orElseGet(Outcome.Imported::new);
        } catch (Download.NotFound missing) {
            return new Outcome.NotPublished(fetch.url());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                events.downloadKept(file, e.getMessage());
            }
        }
    }

    /** Empty when the image was imported, else why not; a missing asset is thrown. */
    private Optional<String> fetchAndImport(BaseImage.Decision.Fetch fetch, Path file) throws Download.NotFound {
        Download.Saved saved;
        Optional<String> checksum;
        try {
            events.downloading(fetch.url());
            saved = download.save(fetch.url(), file);
            checksum = download.text(fetch.checksumUrl());
        } catch (Download.NotFound missing) {
            throw missing;
        } catch (IOException e) {
            return Optional.of("Failed to download " + fetch.url() + ": " + e.getMessage());
        }
        events.downloaded(saved.bytes(), saved.sha256());
        if (checksum.isPresent()) {
            Optional<String> published = BaseImage.publishedHash(checksum.get());
            if (published.isEmpty() || !published.get().equals(saved.sha256())) {
                return Optional.of("Failed to verify " + fetch.asset() + ": its SHA-256 is " + saved.sha256()
                        + ", the release says " + published.orElse("nothing readable"));
            }
            events.checksumMatches(fetch.checksumUrl());
        } else {
            events.noChecksum(fetch.checksumUrl());
        }
        CommandRunner.Result listing = runner.attempt(HostTools.listTarball(file.toString()));
        Optional<String> problem = listing.ok()
                ? BaseImage.archiveProblem(listing.stdout().lines().toList())
                : Optional.of("tar cannot read it to the end (" + listing.tail() + ")");
        if (problem.isPresent()) {
            return Optional.of("Failed to verify " + fetch.asset() + ": " + problem.get());
        }
        try {
            runner.run(Incus.imageImport(file.toString(), fetch.alias()));
        } catch (CommandFailed failed) {
            return Optional.of("Failed to import " + fetch.asset() + " as " + fetch.alias() + ": " + failed.cause());
        }
        events.imported(fetch.asset(), fetch.alias());
        return Optional.empty();
    }
}

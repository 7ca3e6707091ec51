package dev.taos.host.apply;

import dev.taos.host.core.HostPaths;
import dev.taos.host.core.image.FetchStatus;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** {@code base-image-fetch.json} in the state directory: the last word of fetch-base-image, which verify reports. */
public final class FetchStatusFile {

    private final StateFile<FetchStatus> file;

    public FetchStatusFile(Path stateDir) {
        this.file = new StateFile<>(
                stateDir.resolve(HostPaths.FETCH_STATUS_NAME),
                FetchStatus.class,
                "base image fetch status",
                "It is rewritten by the next fetch-base-image run.");
    }

    /** The status, or empty when no fetch has run here or the file cannot be read (verify then says nothing of it). */
    public Optional<FetchStatus> read() {
        try {
            return file.read();
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Best effort: a fetch that cannot record how it went still fetches; the error goes to the log. */
    public Optional<String> write(FetchStatus status) {
        try {
            file.write(status);
            return Optional.empty();
        } catch (UncheckedIOException e) {
            return Optional.of(e.getMessage());
        }
    }
}

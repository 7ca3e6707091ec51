package dev.taos.host.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taos.host.core.image.FetchStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code base-image-fetch.json} in the state directory: the last word of fetch-base-image, which verify reports. */
public final class FetchStatusFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public FetchStatusFile(Path stateDir) {
        this.file = stateDir.resolve("base-image-fetch.json");
    }

    /** The status, or empty when no fetch has run here or the file cannot be read (verify then says nothing of it). */
    public Optional<FetchStatus> read() {
        try {
            return Files.isRegularFile(file) ? Optional.of(JSON.readValue(file.toFile(), FetchStatus.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Best effort: a fetch that cannot record how it went still fetches; the error goes to the log. */
    public Optional<String> write(FetchStatus status) {
        try {
            AtomicFiles.replace(file, "0644", (JSON.writeValueAsString(status) + "\n").getBytes(StandardCharsets.UTF_8));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("Failed to record the fetch's status in " + file + ": " + e.getMessage());
        }
    }
}

package dev.taos.host.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One JSON document of taos-host's own state (a journal, the fetch status), replaced atomically and fsynced on every
 * write, without a backup: it is rewritten at every step. {@code what} names it in messages; {@code ifUnreadable} says
 * what to do when it cannot be parsed.
 */
final class StateFile<T> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Class<T> type;
    private final String what;
    private final String ifUnreadable;

    StateFile(Path file, Class<T> type, String what, String ifUnreadable) {
        this.file = file;
        this.type = type;
        this.what = what;
        this.ifUnreadable = ifUnreadable;
    }

    Path path() {
        return file;
    }

    Optional<T> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Failed to read the " + what + " " + file + ": " + e.getMessage() + ". " + ifUnreadable, e);
        }
    }

    void write(T value) {
        try {
            AtomicFiles.replace(file, "0600", (JSON.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Failed to write the " + what + " " + file + ": " + AtomicFiles.problem(e) + ". Check that "
                            + file.getParent() + " is writable and the disk is not full.",
                    e);
        }
    }
}

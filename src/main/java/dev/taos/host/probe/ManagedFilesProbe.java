package dev.taos.host.probe;

import dev.taos.host.core.Hashing;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.TaosApp;
import dev.taos.host.core.units.HostConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.DigestInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What is already on disk where setup writes (as SHA-256 hashes), and whether the taOS app is installed. */
public final class ManagedFilesProbe {

    private final List<String> unreadable;

    public ManagedFilesProbe(List<String> unreadable) {
        this.unreadable = unreadable;
    }

    public Map<String, String> hashes(List<String> paths) {
        Map<String, String> hashes = new TreeMap<>();
        for (String path : paths) {
            Path file = Path.of(path);
            if (Files.isRegularFile(file)) {
                sha256(file).ifPresent(hash -> hashes.put(path, hash));
            }
        }
        return hashes;
    }

    public static Optional<String> sha256(Path file) {
        try {
            return Optional.of(sha256OrFail(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The file's SHA-256; the exception says why it could not be read. */
    public static String sha256OrFail(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), Hashing.sha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            return Hashing.hex(in.getMessageDigest().digest());
        }
    }

    /** The settings in the config file setup wrote; empty when there is none. */
    public Map<String, String> config(String path) {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return HostConfig.parse(Files.readString(file));
        } catch (IOException e) {
            unreadable.add(path + " (" + e.getMessage() + ")");
            return Map.of();
        }
    }

    public TaosApp app(String installDir) {
        Path dir = Path.of(installDir);
        if (!Files.isDirectory(dir) || !Files.isExecutable(dir.resolve("venv/bin/python"))) {
            return TaosApp.absent(installDir);
        }
        try {
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
            Path unit = Path.of(HostPaths.APP_SERVICE);
            String dataDir = Files.isRegularFile(unit)
                    ? TaosApp.dataDirOf(Files.readString(unit)).orElse(null)
                    : null;
            return new TaosApp(
                    installDir,
                    true,
                    attributes.owner().getName(),
                    attributes.group().getName(),
                    dataDir);
        } catch (IOException e) {
            unreadable.add("the owner of " + installDir + " (" + e.getMessage() + ")");
            return TaosApp.absent(installDir);
        }
    }
}

package dev.taos.host.apply;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.Manifest;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Every migration's state, one record per instance, in {@code migration.json} in the state directory, rewritten
 * atomically (fsynced) before and after every step. Each instance's manifest is kept beside it until it is pruned or
 * rolled back. The schema is in README.
 */
public final class MigrationJournal {

    record File(int schemaVersion, List<InstanceMigration> instances) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // Most entries have no xattrs, links or hashes: leaving the empty fields out keeps a 35,000-file manifest small.
    private static final ObjectWriter MANIFEST = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
            .writerFor(Manifest.class).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final StateFile<File> file;
    private final Path manifests;

    public MigrationJournal(Path stateDir) {
        this.file = new StateFile<>(stateDir.resolve("migration.json"), File.class, "migration journal", "Do not delete it: it says which"
                + " instances are mid-migration. Restore it from a backup, or ask for help with its contents.");
        this.manifests = stateDir.resolve("manifests");
    }

    public List<InstanceMigration> read() {
        return file.read().map(File::instances).orElse(List.of());
    }

    /** Replaces the record with the same name, or adds it. */
    public void put(InstanceMigration migration) {
        List<InstanceMigration> all = new ArrayList<>(read());
        all.removeIf(m -> m.name().equals(migration.name()));
        all.add(migration);
        save(all);
    }

    public void saveManifest(String name, Manifest manifest) throws IOException {
        Files.createDirectories(manifests);
        Path temp = manifests.resolve(name + ".json.gz.tmp");
        try (FileOutputStream raw = new FileOutputStream(temp.toFile())) {
            GZIPOutputStream out = new GZIPOutputStream(raw);
            MANIFEST.writeValue(out, manifest);
            out.finish();
            raw.getFD().sync();
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, manifestFile(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public Manifest manifest(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(manifestFile(name)))) {
            return JSON.readValue(in, Manifest.class);
        }
    }

    public void dropManifest(String name) throws IOException {
        Files.deleteIfExists(manifestFile(name));
    }

    private Path manifestFile(String name) {
        return manifests.resolve(name + ".json.gz");
    }

    private void save(List<InstanceMigration> all) {
        file.write(new File(1, all));
    }
}

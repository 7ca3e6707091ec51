package dev.taos.host.apply;

import dev.taos.host.core.migrate.InstanceMigration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every migration's state, one record per instance, in {@code migration.json} in the state directory, rewritten
 * atomically (fsynced) before and after every step; docs/migration.md says what it records.
 */
public final class MigrationJournal {

    record File(int schemaVersion, List<InstanceMigration> instances) {}

    private final StateFile<File> file;

    public MigrationJournal(Path stateDir) {
        this.file = new StateFile<>(
                stateDir.resolve("migration.json"),
                File.class,
                "migration journal",
                "Do not delete it: it says which"
                        + " instances are mid-migration. Restore it from a backup, or ask for help with its contents.");
    }

    public List<InstanceMigration> read() {
        return file.read().map(File::instances).orElse(List.of());
    }

    /**
     * Replaces the record of the same instance (project and name), or adds it; instances migrating side by side write
     * one at a time.
     */
    public synchronized void put(InstanceMigration migration) {
        List<InstanceMigration> all = new ArrayList<>(read());
        all.removeIf(m -> m.is(migration.project(), migration.name()));
        all.add(migration);
        save(all);
    }

    private void save(List<InstanceMigration> all) {
        file.write(new File(1, all));
    }
}

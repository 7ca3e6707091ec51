package dev.taos.host.core.migrate;

/** The protocol's steps for one instance, in order (docs/ARCHITECTURE.md, "Migration protocol"). The journal records the last one done. */
public enum MigrationStep {
    RECORD("record its state"),
    STOP("stop it"),
    MANIFEST("read a manifest of its root filesystem"),
    COPY("copy it with its snapshots to a temporary name on the target pool"),
    SYNC("bring over what Incus's copy leaves out (hard links) with rsync"),
    VERIFY("verify the copy against the manifest and the snapshot list"),
    CARRY_IDENTITY("carry its identity over and disable autostart on the original"),
    RENAME_ORIGINAL("rename the original out of the way"),
    RENAME_COPY("give the copy the instance's name"),
    START("start it again"),
    DONE("done");

    private final String description;

    MigrationStep(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public MigrationStep next() {
        return values()[Math.min(ordinal() + 1, DONE.ordinal())];
    }

    /** Steps taos-host does itself, running no command: recording, reading manifests, comparing. */
    public boolean ownWork() {
        return this == RECORD || this == MANIFEST || this == VERIFY;
    }

    /** True once the original has been renamed: from here the copy is the instance and resuming is the natural way on. */
    public boolean pastRename() {
        return compareTo(RENAME_ORIGINAL) >= 0;
    }
}

package dev.taos.host.core.migrate;

/**
 * The protocol's steps for one instance, in order (docs/ARCHITECTURE.md, "Migration protocol"). The journal records the
 * last one done.
 */
public enum MigrationStep {
    RECORD("record its state"),
    PRE_COPY("copy it with its snapshots to a temporary name on the target pool while it still runs"),
    STOP("stop it"),
    COPY("copy it with its snapshots to a temporary name on the target pool"),
    SYNC("bring the copy up to date with rsync: what changed since a pre-copy, and what Incus's copy leaves out "
            + "(hard links)"),
    VERIFY("read every file of the stopped original and of the copy at once, and of each snapshot, and compare them"),
    CARRY_IDENTITY(
            "carry its identity over (the original gives up its MAC addresses) and disable autostart on the original"),
    RENAME_ORIGINAL("rename the original out of the way"),
    RENAME_COPY("give the copy the instance's name, and the original's cloud-init id (Incus renews it at a rename)"),
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

    /** Steps taos-host does itself, running no command: recording, reading and comparing both sides. */
    public boolean ownWork() {
        return this == RECORD || this == VERIFY;
    }

    /**
     * True once the original has been renamed: from here the copy is the instance and resuming is the natural way on.
     */
    public boolean pastRename() {
        return compareTo(RENAME_ORIGINAL) >= 0;
    }
}

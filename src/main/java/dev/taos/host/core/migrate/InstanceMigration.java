package dev.taos.host.core.migrate;

import dev.taos.host.core.facts.Project;
import dev.taos.host.core.plan.StopPolicy;
import java.util.List;
import java.util.Map;

/**
 * One instance's migration as the journal keeps it. {@code step} is the next step to run ({@code DONE} when finished);
 * {@code stepStarted} is true while it runs, so a killed run shows where it stopped. {@code localAutostart} is the
 * instance's own {@code boot.autostart} (null when it inherits it); {@code identity} holds the volatile keys the copy
 * takes over (MAC addresses, cloud-init's instance id). {@code lastUsedAt} is the original's last start as seen once it
 * was stopped: if it moves, someone ran the original after its stop for the migration. {@code reason} says why it was
 * rolled back. {@code project} is the Incus project it lives in, with its copy and its kept original.
 */
public record InstanceMigration(
        String project,
        String name,
        String sourcePool,
        String targetPool,
        String originalName,
        String copyName,
        long sizeBytes,
        boolean wasRunning,
        String localAutostart,
        Map<String, String> identity,
        List<String> snapshots,
        StopPolicy stop,
        String lastUsedAt,
        Status status,
        MigrationStep step,
        boolean stepStarted,
        String reason) {

    public enum Status {
        IN_PROGRESS,
        DONE,
        ROLLED_BACK,
        PRUNED,
        NOT_STARTED
    }

    public static final String ORIGINAL_SUFFIX = "-pre-migration";
    public static final String COPY_SUFFIX = "-migrating";
    /** A running copy on the original's own pool, when Incus cannot copy the running instance between pools. */
    public static final String STAGE_SUFFIX = "-staging";

    public InstanceMigration {
        // Journals written before projects were migrated hold default-project instances only.
        project = project == null ? Project.DEFAULT : project;
        identity = Map.copyOf(identity);
        snapshots = List.copyOf(snapshots);
        stop = stop == null ? StopPolicy.defaults() : stop;
    }

    /** A migration of an instance of the default project about to start: nothing recorded yet. */
    public static InstanceMigration planned(
            String name, String sourcePool, String targetPool, long sizeBytes, StopPolicy stop) {
        return planned(Project.DEFAULT, name, sourcePool, targetPool, sizeBytes, stop);
    }

    /** A migration about to start: nothing recorded yet. */
    public static InstanceMigration planned(
            String project, String name, String sourcePool, String targetPool, long sizeBytes, StopPolicy stop) {
        return new InstanceMigration(
                project,
                name,
                sourcePool,
                targetPool,
                derivedName(name, ORIGINAL_SUFFIX),
                derivedName(name, COPY_SUFFIX),
                sizeBytes,
                false,
                null,
                Map.of(),
                List.of(),
                stop,
                null,
                Status.IN_PROGRESS,
                MigrationStep.RECORD,
                false,
                null);
    }

    /** {@code name} plus {@code suffix}, shortened to Incus's 63 characters with no hyphen left at the cut. */
    public static String derivedName(String name, String suffix) {
        return name.substring(0, Math.min(name.length(), 63 - suffix.length())).replaceFirst("-+$", "") + suffix;
    }

    /** The state the protocol restores on rollback and carries over, read from the instance before anything changes. */
    public InstanceMigration recorded(Observed.Seen original) {
        return new InstanceMigration(
                project,
                name,
                sourcePool,
                targetPool,
                originalName,
                copyName,
                sizeBytes,
                original.running(),
                original.config().get("boot.autostart"),
                Identity.of(original.config()),
                original.snapshots(),
                stop,
                lastUsedAt,
                status,
                step,
                stepStarted,
                reason);
    }

    /** The original's last start, taken once it is stopped for the migration. */
    public InstanceMigration stoppedAt(String lastUsed) {
        return new InstanceMigration(
                project,
                name,
                sourcePool,
                targetPool,
                originalName,
                copyName,
                sizeBytes,
                wasRunning,
                localAutostart,
                identity,
                snapshots,
                stop,
                lastUsed,
                status,
                step,
                stepStarted,
                reason);
    }

    /**
     * The snapshots the copy holds and the check compares: those the original had at its copy after the stop (a
     * snapshot taken while it ran is carried over then).
     */
    public InstanceMigration withSnapshots(List<String> copied) {
        return new InstanceMigration(
                project,
                name,
                sourcePool,
                targetPool,
                originalName,
                copyName,
                sizeBytes,
                wasRunning,
                localAutostart,
                identity,
                copied,
                stop,
                lastUsedAt,
                status,
                step,
                stepStarted,
                reason);
    }

    /** Where the running instance is copied on its own pool first, when a copy between pools fails (see Protocol). */
    public String stageName() {
        return derivedName(name, STAGE_SUFFIX);
    }

    public InstanceMigration starting(MigrationStep at) {
        return progressed(status, at, true, reason);
    }

    public InstanceMigration finished(MigrationStep done) {
        MigrationStep next = done.next();
        return progressed(next == MigrationStep.DONE ? Status.DONE : status, next, false, reason);
    }

    public InstanceMigration withStatus(Status now, String why) {
        return progressed(now, step, false, why);
    }

    /** The same migration further on: only where it stands changes, never what was recorded of the instance. */
    private InstanceMigration progressed(Status now, MigrationStep at, boolean started, String why) {
        return new InstanceMigration(
                project,
                name,
                sourcePool,
                targetPool,
                originalName,
                copyName,
                sizeBytes,
                wasRunning,
                localAutostart,
                identity,
                snapshots,
                stop,
                lastUsedAt,
                now,
                at,
                started,
                why);
    }

    /**
     * Whether the copy is made while the instance still runs (it was running and pre-copy is on), leaving only the
     * changes for after the stop.
     */
    public boolean preCopies() {
        return wasRunning && stop.preCopy();
    }

    /** Killed or failed part-way: needs {@code --resume} or {@code --rollback}. */
    public boolean unfinished() {
        return status == Status.IN_PROGRESS;
    }

    /** The original is still kept under its other name, waiting for {@code --prune}. */
    public boolean awaitingPrune() {
        return status == Status.DONE;
    }

    /** The instance as an operator names it: bare in the default project, PROJECT/NAME in another. */
    public String qualifiedName() {
        return Project.qualified(project, name);
    }

    /** Whether this record is the migration of {@code name} in {@code inProject}. */
    public boolean is(String inProject, String instance) {
        return project.equals(inProject) && name.equals(instance);
    }

    /**
     * What {@code step} does for this instance: a stopped one (once recorded) is neither stopped nor started again, so
     * those steps only check it stays as it was.
     */
    public String describe(MigrationStep step) {
        return step.describe(this);
    }

    /** Where it stands, for {@code --status} and messages: "step 4/10 (copy ...), interrupted". */
    public String progress() {
        return switch (status) {
            case DONE -> "migrated; original kept as \"" + originalName + "\" until migrate --prune";
            case ROLLED_BACK -> "rolled back" + (reason == null ? "" : ": " + reason);
            case PRUNED -> "migrated; original pruned";
            case NOT_STARTED -> "not started" + (reason == null ? "" : ": " + reason);
            case IN_PROGRESS ->
                "step " + (step.ordinal() + 1) + "/" + MigrationStep.DONE.ordinal() + " (" + describe(step) + ")"
                        + (stepStarted ? " interrupted" : " next");
        };
    }
}

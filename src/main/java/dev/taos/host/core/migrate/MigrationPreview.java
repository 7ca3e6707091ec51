package dev.taos.host.core.migrate;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.migrate.Observed.Seen;
import dev.taos.host.core.plan.Action;
import dev.taos.host.core.plan.Step;
import dev.taos.host.core.plan.StopPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code plan --migrate} shows: the protocol's own steps for one instance, each with the commands {@link Protocol}
 * will choose for the state Incus will show when the step runs. Nothing here knows a step of its own; it only follows
 * the instance through the protocol, step by step, on paper.
 */
public final class MigrationPreview {

    private MigrationPreview() {}

    /** {@code cloudInitIdLocked}: the instance's project forbids setting its cloud-init id (see {@link Observed}). */
    public static Step step(
            Instance instance, String targetPool, StopPolicy stop, String poolsRoot, boolean cloudInitIdLocked) {
        Seen original = new Seen(
                instance.name(),
                instance.status(),
                instance.pool(),
                instance.identity(),
                instance.snapshots(),
                "",
                instance.location());
        InstanceMigration m = InstanceMigration.planned(
                        instance.project(),
                        instance.name(),
                        instance.pool(),
                        targetPool,
                        instance.diskUsageBytes(),
                        stop)
                .recorded(original);
        Map<String, Seen> seen = new HashMap<>(Map.of(original.name(), original));
        List<Step.Change> changes = new ArrayList<>();
        while (m.step() != MigrationStep.DONE) {
            var next = Protocol.next(m, new Observed(instance.location(), seen, cloudInitIdLocked), poolsRoot);
            List<Command> commands = next instanceof Next.Run run ? run.commands() : List.of();
            if (commands.isEmpty()) {
                changes.add(Step.Change.of(new Action.Check(m.describe(m.step())
                        + (m.step().ownWork() ? "" : ": " + Protocol.skipped(m).orElse("nothing to do")))));
            }
            commands.forEach(command -> changes.add(Step.Change.of(new Action.Run(command))));
            m.step().preview(m, seen, !commands.isEmpty());
            m = m.finished(m.step());
        }
        String state = instance.running()
                ? "running: down from its stop until it runs on the new pool"
                : "stopped: stays stopped";
        String description = "Migrating \"" + m.qualifiedName() + "\" (" + state + ", "
                + instance.snapshots().size() + " snapshot(s)) to \"" + targetPool + "\"; the original is kept as \""
                + m.originalName() + "\" until pruned";
        return new Step(Step.Kind.MIGRATE_INSTANCE, description, changes, Math.max(0, instance.diskUsageBytes()));
    }
}

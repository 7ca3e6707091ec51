package dev.taos.host.core.plan;

import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns the operator's consent ({@code --migrate}) into the instances to move, refusing names that cannot be moved. On
 * a cluster only this member's instances move here: each is copied, verified and swapped on its own member, by
 * taos-host running there (docs/ARCHITECTURE.md, "Incus behaviour the design relies on").
 */
public final class MigrationChoice {

    private MigrationChoice() {}

    public sealed interface Result {
        /** {@code elsewhere}: with {@code all}, the instances that could move but are on other members of a cluster. */
        record Selected(List<Instance> instances, List<Instance> elsewhere) implements Result {
            public Selected {
                instances = List.copyOf(instances);
                elsewhere = List.copyOf(elsewhere);
            }

            /** What the operator runs for the instances on other members, when there are some. */
            public Optional<String> elsewhereNote() {
                if (elsewhere.isEmpty()) {
                    return Optional.empty();
                }
                var byMember = elsewhere.stream()
                        .collect(Collectors.groupingBy(
                                Instance::location,
                                TreeMap::new,
                                Collectors.mapping(
                                        i -> Project.qualified(i.project(), i.name()), Collectors.joining(", "))));
                return Optional.of(
                        "Instances on other members migrate on their own member: run taos-host migrate there for "
                                + byMember.entrySet().stream()
                                        .map(e -> e.getValue() + " (on " + e.getKey() + ")")
                                        .collect(Collectors.joining(", "))
                                + ".");
            }
        }

        record Refused(Refusal refusal) implements Result {}
    }

    /**
     * The note of a plan that migrates nothing on a host with instances (the wizard, which migrates after setup,
     * replaces it).
     */
    public static String stayNote(IncusFacts incus) {
        boolean projects = incus.instances().stream().anyMatch(i -> !i.project().equals(Project.DEFAULT));
        return "Existing instances stay where they are (" + incus.instances().size()
                + "); migrate them later with --migrate " + (projects ? "[PROJECT/]NAME[,...]" : "NAME[,NAME...]")
                + " or --migrate all" + (incus.cluster().clustered() ? ", on the member each one is on." : ".");
    }

    public static Result select(IncusFacts incus, MigrateSelection selection) {
        if (selection instanceof MigrateSelection.None) {
            return new Result.Selected(List.of(), List.of());
        }
        if (selection instanceof MigrateSelection.All all) {
            var movable = incus.instances().stream()
                    .filter(i -> all.project().map(i.project()::equals).orElse(true) && movable(incus, i))
                    .collect(Collectors.partitioningBy(incus.cluster()::here));
            return new Result.Selected(movable.get(true), movable.get(false));
        }
        List<Instance> chosen = new ArrayList<>();
        for (MigrateSelection.Ref ref : ((MigrateSelection.Named) selection).refs()) {
            String name = ref.text();
            Optional<Instance> instance = incus.instance(ref.project(), ref.name());
            if (instance.isEmpty()) {
                return refuse(
                        name,
                        "there is no instance named \"" + name + "\"",
                        "existing instances: " + names(incus.instances())
                                + (incus.projects().size() > 1
                                        ? " (name one of another project as PROJECT/NAME, or give --project)"
                                        : ""));
            }
            Instance found = instance.get();
            if (!found.type().equals("container")) {
                return refuse(
                        name,
                        "\"" + name + "\" is a " + found.type() + "; taos-host migrates containers only",
                        "leave it out of --migrate");
            }
            if (!movable(incus, found)) {
                return refuse(
                        name,
                        "\"" + name + "\" is already on copy-on-write pool \"" + found.pool() + "\"",
                        "leave it out of --migrate");
            }
            if (!incus.cluster().here(found)) {
                return refuse(
                        name,
                        "\"" + name + "\" is on cluster member \"" + found.location()
                                + "\", and taos-host migrates the instances of the"
                                + " member it runs on (\"" + incus.cluster().thisMember()
                                + "\"): every file of the original and its copy is read from that"
                                + " member's disk",
                        "run it on " + found.location() + ": taos-host migrate --instances " + name);
            }
            chosen.add(found);
        }
        return new Result.Selected(chosen, List.of());
    }

    private static boolean movable(IncusFacts incus, Instance instance) {
        return instance.type().equals("container")
                && incus.pool(instance.pool()).map(p -> !p.copyOnWrite()).orElse(false);
    }

    private static Result refuse(String name, String problem, String remedy) {
        return new Result.Refused(
                new Refusal(Reason.INVALID_REQUEST, "the migration of \"" + name + "\"", problem, List.of(remedy)));
    }

    private static String names(List<Instance> instances) {
        return instances.isEmpty()
                ? "(none)"
                : instances.stream()
                        .map(i -> Project.qualified(i.project(), i.name()))
                        .collect(Collectors.joining(", "));
    }
}

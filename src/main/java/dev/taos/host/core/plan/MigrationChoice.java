package dev.taos.host.core.plan;

import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns the operator's consent ({@code --migrate}) into the instances to move, refusing names that cannot be moved. */
public final class MigrationChoice {

    private MigrationChoice() {
    }

    public sealed interface Result {
        record Selected(List<Instance> instances) implements Result {
        }

        record Refused(Refusal refusal) implements Result {
        }
    }

    public static Result select(IncusFacts incus, MigrateSelection selection) {
        if (selection instanceof MigrateSelection.None) {
            return new Result.Selected(List.of());
        }
        if (selection instanceof MigrateSelection.All) {
            return new Result.Selected(incus.instances().stream().filter(i -> movable(incus, i)).toList());
        }
        List<Instance> chosen = new ArrayList<>();
        for (String name : ((MigrateSelection.Named) selection).names()) {
            Optional<Instance> instance = incus.instance(name);
            if (instance.isEmpty()) {
                return refuse(name, "there is no instance named \"" + name + "\"", "existing instances: " + names(incus.instances()));
            }
            Instance found = instance.get();
            if (!found.type().equals("container")) {
                return refuse(name, "\"" + name + "\" is a " + found.type() + "; taos-host migrates containers only", "leave it out of --migrate");
            }
            if (!movable(incus, found)) {
                return refuse(name, "\"" + name + "\" is already on copy-on-write pool \"" + found.pool() + "\"", "leave it out of --migrate");
            }
            chosen.add(found);
        }
        return new Result.Selected(chosen);
    }

    private static boolean movable(IncusFacts incus, Instance instance) {
        return instance.type().equals("container") && incus.pool(instance.pool()).map(p -> !p.copyOnWrite()).orElse(false);
    }

    private static Result refuse(String name, String problem, String remedy) {
        return new Result.Refused(new Refusal(Reason.INVALID_REQUEST, "the migration of \"" + name + "\"", problem, List.of(remedy)));
    }

    private static String names(List<Instance> instances) {
        return instances.isEmpty() ? "(none)" : instances.stream().map(Instance::name).collect(Collectors.joining(", "));
    }
}

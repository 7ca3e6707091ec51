package dev.taos.host.core.plan;

import dev.taos.host.core.facts.Instance;
import java.util.List;
import java.util.Optional;

/** What the planner answers: a plan (possibly with nothing to do), or a refusal saying why and what would help. */
public sealed interface PlanOutcome {

    /**
     * Ordered steps; empty means the host is already as asked. {@code notes} explain the choices made; {@code pool} is
     * the default profile's root pool once the plan is applied; {@code migrating} the instances the request chose to
     * migrate there, as the planner checked them.
     */
    record Plan(
            String summary,
            List<Step> steps,
            List<String> notes,
            Optional<LoopSizing> sizing,
            String pool,
            List<Instance> migrating)
            implements PlanOutcome {
        public Plan {
            steps = List.copyOf(steps);
            notes = List.copyOf(notes);
            migrating = List.copyOf(migrating);
        }

        public boolean nothingToDo() {
            return steps.isEmpty();
        }

        public Plan withMoreSteps(List<Step> more) {
            List<Step> all = new java.util.ArrayList<>(steps);
            all.addAll(more);
            return new Plan(summary, all, notes, sizing, pool, migrating);
        }

        public long spaceNeededBytes() {
            return steps.stream().mapToLong(Step::spaceNeededBytes).sum();
        }
    }

    /**
     * The planner will not plan this. {@code problem} completes "Failed to plan ...: "; {@code remedies} are the
     * concrete next steps (commands, flags). INVALID_REQUEST is the operator's input; UNSUPPORTED_HOST is the host's
     * limits. {@code rejections} say, when no storage backend applies, why each was passed over and what would enable
     * it.
     */
    record Refusal(Reason reason, String object, String problem, List<String> remedies, List<Rejection> rejections)
            implements PlanOutcome {
        public Refusal {
            remedies = List.copyOf(remedies);
            rejections = List.copyOf(rejections);
        }

        public Refusal(Reason reason, String object, String problem, List<String> remedies) {
            this(reason, object, problem, remedies, List.of());
        }

        public String message() {
            return "Failed to plan " + object + ": " + problem;
        }
    }

    /**
     * One way of making a pool that does not apply here: its driver, how it is named, why not, and what would enable
     * the driver.
     */
    record Rejection(String driver, String way, String reason, Optional<String> enable) {}

    enum Reason {
        INVALID_REQUEST,
        UNSUPPORTED_HOST
    }
}

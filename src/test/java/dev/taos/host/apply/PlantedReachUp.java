package dev.taos.host.apply;

/** Breaks lowerLayersDoNotReachUp on purpose (ArchitectureTest): apply/ wording a plan itself. */
final class PlantedReachUp {
    String words(dev.taos.host.core.plan.PlanOutcome.Refusal outcome) {
        return dev.taos.host.ui.output.PlanReport.render(outcome);
    }
}

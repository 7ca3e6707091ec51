package dev.taos.host.ui.output;

import static dev.taos.host.core.ByteSize.human;

import dev.taos.host.app.ExitCode;
import dev.taos.host.core.plan.Action;
import dev.taos.host.core.plan.LoopSizing;
import dev.taos.host.core.plan.PlanOutcome;
import dev.taos.host.core.plan.PlanOutcome.Plan;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import dev.taos.host.core.plan.Step;
import java.util.List;

/** How a plan reads for a person, and its stable JSON form. */
public final class PlanReport {

    private PlanReport() {}

    /** The {@code plan --json} document. {@code outcome} is one of: plan, nothing-to-do, refused. */
    public record PlanJson(
            int schemaVersion,
            String outcome,
            int exitCode,
            String summary,
            List<Step> steps,
            List<String> notes,
            LoopSizing sizing,
            long spaceNeededBytes,
            RefusalJson refusal) {}

    public record RefusalJson(String reason, String message, List<String> remedies) {}

    public static PlanJson json(PlanOutcome outcome) {
        int exit = ExitCode.of(outcome).code();
        if (outcome instanceof Refusal r) {
            return new PlanJson(
                    1,
                    "refused",
                    exit,
                    r.message(),
                    List.of(),
                    List.of(),
                    null,
                    0,
                    new RefusalJson(r.reason().name(), r.message(), r.remedies()));
        }
        Plan plan = (Plan) outcome;
        return new PlanJson(
                1,
                plan.nothingToDo() ? "nothing-to-do" : "plan",
                exit,
                plan.summary(),
                plan.steps(),
                plan.notes(),
                plan.sizing().orElse(null),
                plan.spaceNeededBytes(),
                null);
    }

    public static String render(Plan plan) {
        return steps(plan) + "\nThis is a plan only: nothing has been changed.\n";
    }

    /** The summary, the numbered steps with their commands, and the notes. */
    public static String steps(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append(plan.summary()).append("\n");
        if (!plan.steps().isEmpty()) {
            out.append("\n");
        }
        int n = plan.steps().size();
        for (int i = 0; i < n; i++) {
            Step step = plan.steps().get(i);
            out.append(String.format("[%d/%d] %s%n", i + 1, n, step.description()));
            for (Action action : step.actions()) {
                out.append("      ")
                        .append(action instanceof Action.Run ? "$ " : "")
                        .append(action.display())
                        .append("\n");
            }
            if (!step.revert().isEmpty()) {
                out.append("      if it fails: ")
                        .append(String.join(
                                "; ",
                                step.revert().stream().map(Action::display).toList()))
                        .append("\n");
            }
            if (step.spaceNeededBytes() > 0) {
                out.append("      needs ")
                        .append(human(step.spaceNeededBytes()))
                        .append(" of disk space\n");
            }
        }
        if (!plan.notes().isEmpty()) {
            out.append("\nNotes:\n");
            plan.notes()
                    .forEach(note -> out.append("  - ")
                            .append(note.replace("\n", "\n    "))
                            .append("\n"));
        }
        return out.toString();
    }

    public static String render(Refusal refusal) {
        StringBuilder out = new StringBuilder(refusal.message()).append("\n");
        if (!refusal.remedies().isEmpty()) {
            out.append("What to do:\n");
            refusal.remedies().forEach(r -> out.append("  - ").append(r).append("\n"));
        }
        out.append("Nothing has been changed.\n");
        return out.toString();
    }
}

package dev.taos.host.app;

import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.PlanOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The guided setup from the first question to the saved answers: the host read once, the questions asked (ui/wizard's
 * screens), nothing changed before the operator says yes to the plan, the answers saved when wanted.
 */
public final class WizardFlow {

    /** How the questions ended. */
    public sealed interface Answer {
        /** {@code shown} is the setup plan the operator said yes to; the apply refuses a different one. */
        record Confirmed(InstallRequest request, PlanOutcome.Plan shown) implements Answer {}

        record Declined(InstallRequest request) implements Answer {}

        record NothingToDo(InstallRequest request, String summary) implements Answer {}

        record Refused(PlanOutcome.Refusal refusal) implements Answer {}

        /** Ctrl-C or the end of input during the questions. */
        record Interrupted() implements Answer {}
    }

    /** The wizard's screens: its questions, and what it says about how they ended. */
    public interface Ui {
        /** Asks every question from {@code start}'s values; {@code plan} plans setup's part for a request. */
        Answer ask(HostFacts facts, Function<InstallRequest, PlanOutcome> plan, InstallRequest start);

        void ended(Answer answer);

        /** Where to save the answers for a replay, if the operator wants them saved. */
        Optional<Path> answersFile();

        void saved(Path file);

        void notSaved(String cause);
    }

    private final Host host;
    private final Ui ui;
    private final Function<Answer.Confirmed, ExitCode> apply;

    /** {@code apply} applies a confirmed request and returns its exit code (tests record it instead). */
    public WizardFlow(Host host, Ui ui, Function<Answer.Confirmed, ExitCode> apply) {
        this.host = host;
        this.ui = ui;
        this.apply = apply;
    }

    /** The wizard that applies what the operator confirms as setup does with flags, the plan shown being the one. */
    public static WizardFlow applying(Host host, Ui ui, InstallFlow install) {
        return new WizardFlow(host, ui, c -> install.apply(c.request(), Optional.of(c.shown())));
    }

    public ExitCode run(InstallRequest start) {
        PlanFlow.Session session = PlanFlow.session(host);
        Answer answer = ui.ask(session.facts(), session::plan, start);
        ui.ended(answer);
        if (answer instanceof Answer.Interrupted) {
            return ExitCode.INTERRUPTED;
        }
        if (answer instanceof Answer.Refused refused) {
            return ExitCode.of(refused.refusal());
        }
        if (answer instanceof Answer.NothingToDo nothing) {
            offerToSave(nothing.request());
            return ExitCode.OK;
        }
        if (answer instanceof Answer.Declined declined) {
            offerToSave(declined.request());
            return ExitCode.INTERRUPTED;
        }
        Answer.Confirmed confirmed = (Answer.Confirmed) answer;
        ExitCode exit = apply.apply(confirmed);
        offerToSave(confirmed.request());
        return exit;
    }

    private void offerToSave(InstallRequest request) {
        Optional<Path> file = ui.answersFile();
        if (file.isEmpty()) {
            return;
        }
        try {
            AnswersFile.write(file.get(), request);
            ui.saved(file.get());
        } catch (IOException e) {
            ui.notSaved(e.getMessage());
        }
    }
}

package dev.taos.host.ui.wizard;

import dev.taos.host.app.WizardFlow;
import dev.taos.host.app.WizardFlow.Answer;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.PlanOutcome;
import dev.taos.host.ui.output.PlanReport;
import dev.taos.host.ui.wizard.WizardTerminal.Parsed;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** The guided setup's screens on a terminal: the questions, how they ended, and the offer to save the answers. */
public final class WizardScreens implements WizardFlow.Ui {

    static final String ANSWERS_FILE = "taos-host-answers.yaml";

    private final PrintStream err;
    private final WizardTerminal term;

    public WizardScreens(PrintStream err, WizardTerminal term) {
        this.err = err;
        this.term = term;
    }

    @Override
    public Answer ask(HostFacts facts, Function<InstallRequest, PlanOutcome> plan, InstallRequest start) {
        try {
            return new Wizard(term, facts, plan).run(start);
        } catch (WizardTerminal.Cancelled e) {
            return new Answer.Interrupted();
        }
    }

    @Override
    public void ended(Answer answer) {
        if (answer instanceof Answer.Interrupted) {
            term.say("\nInterrupted: nothing has been changed.");
        } else if (answer instanceof Answer.Refused refused) {
            err.print(PlanReport.render(refused.refusal()));
        } else if (answer instanceof Answer.NothingToDo nothing) {
            term.say("\n" + nothing.summary());
        } else if (answer instanceof Answer.Declined) {
            term.say("Nothing has been changed.");
        }
    }

    /** Ctrl-C here only skips saving. */
    @Override
    public Optional<Path> answersFile() {
        try {
            term.say("");
            if (!term.yesNo("Save these answers to replay this setup on another host?", false)) {
                return Optional.empty();
            }
            return Optional.of(term.ask("File", ANSWERS_FILE, WizardScreens::newFile));
        } catch (WizardTerminal.Cancelled e) {
            term.say("\nThe answers were not saved.");
            return Optional.empty();
        }
    }

    @Override
    public void saved(Path file) {
        term.say("Saved " + file.toAbsolutePath() + ". Replay it with: sudo ./install.sh --unattended --answers "
                + file.toAbsolutePath());
    }

    @Override
    public void notSaved(String cause) {
        term.say("Failed to save the answers: " + cause
                + ". Nothing else is affected; run the guided setup again to save them.");
    }

    private static Parsed<Path> newFile(String text) {
        try {
            Path path = Path.of(text);
            return Files.exists(path)
                    ? new Parsed.Rejected<>(path.toAbsolutePath() + " already exists. Give another file name.")
                    : new Parsed.Accepted<>(path);
        } catch (InvalidPathException e) {
            return new Parsed.Rejected<>("\"" + text + "\" is not a file name: " + e.getReason() + ".");
        }
    }
}

package dev.taos.host.ui.wizard;

import dev.taos.host.app.AnswersFile;
import dev.taos.host.app.ExitCode;
import dev.taos.host.app.Host;
import dev.taos.host.app.InstallFlow;
import dev.taos.host.app.Planning;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.ui.output.PlanReport;
import dev.taos.host.ui.wizard.WizardTerminal.Parsed;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.ToIntFunction;

/**
 * The guided setup from the first question to the saved answers: nothing changes before the operator says yes to the
 * plan.
 */
public final class WizardRun {

    static final String ANSWERS_FILE = "taos-host-answers.yaml";

    private final Host host;
    private final PrintStream err;
    private final WizardTerminal term;
    private final ToIntFunction<Wizard.Result.Confirmed> apply;

    /**
     * {@code apply} applies a confirmed request and returns the exit code ({@link InstallFlow#apply}; tests record it
     * instead).
     */
    public WizardRun(Host host, PrintStream err, WizardTerminal term, ToIntFunction<Wizard.Result.Confirmed> apply) {
        this.host = host;
        this.err = err;
        this.term = term;
        this.apply = apply;
    }

    public int run(InstallRequest start) {
        Planning.Session session = Planning.session(host);
        Wizard.Result result;
        try {
            result = new Wizard(term, session.facts(), session::plan).run(start);
        } catch (WizardTerminal.Cancelled e) {
            term.say("\nInterrupted: nothing has been changed.");
            return ExitCode.INTERRUPTED.code();
        }
        if (result instanceof Wizard.Result.Refused refused) {
            err.print(PlanReport.render(refused.refusal()));
            return PlanReport.exitCode(refused.refusal()).code();
        }
        if (result instanceof Wizard.Result.NothingToDo nothing) {
            term.say("\n" + nothing.summary());
            offerToSave(nothing.request());
            return ExitCode.OK.code();
        }
        if (result instanceof Wizard.Result.Declined declined) {
            term.say("Nothing has been changed.");
            offerToSave(declined.request());
            return ExitCode.INTERRUPTED.code();
        }
        Wizard.Result.Confirmed confirmed = (Wizard.Result.Confirmed) result;
        int exit = apply.applyAsInt(confirmed);
        offerToSave(confirmed.request());
        return exit;
    }

    /** Saves the answers for an unattended replay when the operator wants them; Ctrl-C here only skips saving. */
    private void offerToSave(InstallRequest request) {
        try {
            term.say("");
            if (!term.yesNo("Save these answers to replay this setup on another host?", false)) {
                return;
            }
            Path file = term.ask("File", ANSWERS_FILE, WizardRun::newFile);
            AnswersFile.write(file, request);
            term.say("Saved " + file.toAbsolutePath() + ". Replay it with: sudo ./install.sh --unattended --answers "
                    + file.toAbsolutePath());
        } catch (WizardTerminal.Cancelled e) {
            term.say("\nThe answers were not saved.");
        } catch (IOException e) {
            term.say("Failed to save the answers: " + e.getMessage()
                    + ". Nothing else is affected; run the guided setup again to save them.");
        }
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

package dev.taos.host.ui.wizard;

import static dev.taos.host.core.ByteSize.human;

import dev.taos.host.app.WizardFlow.Answer;
import dev.taos.host.core.ByteSize;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.BackendOption;
import dev.taos.host.core.plan.DriverChoice;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.MigrationChoice;
import dev.taos.host.core.plan.Names;
import dev.taos.host.core.plan.PlanOutcome;
import dev.taos.host.core.plan.Planner;
import dev.taos.host.core.plan.Step;
import dev.taos.host.core.units.UnitChoices;
import dev.taos.host.ui.output.FactsReport;
import dev.taos.host.ui.output.PlanReport;
import dev.taos.host.ui.wizard.WizardTerminal.Parsed;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The guided setup: shows the host, asks for the backend, pool, size, the app's deploys, instances to migrate and
 * background services, shows the whole plan and asks before anything changes. It only builds an {@link InstallRequest};
 * applying is the same as for flags and answers files. Every answer is checked by the planner and asked again when
 * refused.
 */
public final class Wizard {

    private final WizardTerminal term;
    private final HostFacts facts;
    private final Function<InstallRequest, PlanOutcome> planner;

    /** {@code planner} plans setup's part (storage, files, units) for a request. */
    Wizard(WizardTerminal term, HostFacts facts, Function<InstallRequest, PlanOutcome> planner) {
        this.term = term;
        this.facts = facts;
        this.planner = planner;
    }

    /** Asks every question, starting from {@code start}'s values (the flags or answers file given with the wizard). */
    Answer run(InstallRequest start) {
        term.heading("This host");
        term.say(FactsReport.render(facts, term.width()).stripTrailing());
        InstallRequest request = start;
        Optional<StoragePool> current =
                facts.incus().pool(facts.incus().defaultProfile().rootPool());
        if (current.isPresent() && current.get().copyOnWrite()) {
            term.heading("Storage");
            term.say("The default profile's pool \"" + current.get().name() + "\" is already "
                    + current.get().driver() + ": agents launch copy-on-write.");
        } else {
            Optional<DriverChoice> driver = chooseBackend(request);
            if (driver.isEmpty()) {
                return new Answer.Refused((PlanOutcome.Refusal) setupPlan(request));
            }
            request = choosePool(request.withDriver(driver.get()));
            request = chooseSize(request);
        }
        request = new AppDoorQuestion(term, facts).choose(request);
        MigrationQuestions migration = new MigrationQuestions(term, facts);
        request = request.withMigrate(migration.chooseInstances(request, current));
        request = request.withStop(migration.chooseStop(request));
        request = request.withUnits(chooseUnits(request.units()));
        PlanOutcome outcome = setupPlan(request);
        if (outcome instanceof PlanOutcome.Refusal refusal) {
            return new Answer.Refused(refusal);
        }
        return review((PlanOutcome.Plan) outcome, request);
    }

    private Optional<DriverChoice> chooseBackend(InstallRequest request) {
        List<BackendOption> options = BackendOption.options(facts, request);
        Optional<BackendOption> recommended = BackendOption.recommended(options);
        if (recommended.isEmpty()) {
            return Optional.empty();
        }
        term.heading("Storage backend for the new pool");
        List<BackendOption> offered =
                options.stream().filter(BackendOption::available).toList();
        for (BackendOption option : options) {
            if (option.available()) {
                String mark = option == recommended.get() ? "recommended: " : "";
                term.say(String.format(
                        "  %d) %-6s %s%s",
                        offered.indexOf(option) + 1, option.driver().incusName(), mark, option.why()));
            } else {
                term.say(String.format(
                        "  -  %-6s not available: %s",
                        option.driver().incusName(), option.unavailable().get()));
                option.enable().forEach(e -> term.say("            to enable it: " + e));
            }
        }
        DriverChoice preset = request.driver();
        BackendOption preselected =
                offered.stream().filter(o -> o.driver() == preset).findFirst().orElse(recommended.get());
        return Optional.of(term.ask("Backend", preselected.driver().incusName(), answer -> {
            for (BackendOption option : offered) {
                if (answer.equals(String.valueOf(offered.indexOf(option) + 1))
                        || answer.equalsIgnoreCase(option.driver().incusName())) {
                    return new Parsed.Accepted<>(option.driver());
                }
            }
            return new Parsed.Rejected<>("\"" + answer + "\" is not offered. Type a number from 1 to " + offered.size()
                    + " or the backend's name.");
        }));
    }

    private InstallRequest choosePool(InstallRequest request) {
        String planned = Planner.poolName(
                facts, request.withPool(Optional.empty()), request.driver().incusName());
        term.heading("Pool name");
        term.say("The default profile will use this pool, so every new agent launches on it.");
        return term.ask("Pool name", request.pool().orElse(planned), answer -> {
            Optional<String> problem = Names.poolNameProblem(answer);
            if (problem.isPresent()) {
                return new Parsed.Rejected<>(problem.get() + ".");
            }
            InstallRequest named = request.withPool(
                    answer.equals(planned) && request.pool().isEmpty() ? Optional.empty() : Optional.of(answer));
            return accepted(named, "Type another name.");
        });
    }

    private InstallRequest chooseSize(InstallRequest request) {
        if (!(setupPlan(request) instanceof PlanOutcome.Plan plan)
                || plan.sizing().isEmpty()) {
            return request;
        }
        var home = facts.storage().incusHome();
        String planned = new ByteSize(plan.sizing().get().chosen()).incusValue();
        term.heading("Pool size");
        if (facts.incus().cluster().clustered()) {
            term.say(
                    "Each of the cluster's " + facts.incus().cluster().members().size()
                            + " members gets a sparse loop file of its own, sized by the"
                            + " free space there (the plan shows each). A size typed here is used on every member; an "
                            + "answers file can give each member"
                            + " its own (members:). The default is this member's.");
        } else {
            term.say("The pool is a sparse loop file on " + home.mountPoint() + " (" + human(home.freeBytes())
                    + " free of " + human(home.totalBytes()) + "): it takes space only as agents use it.");
        }
        return term.ask(
                "Size (like 50GiB or 512MiB)",
                request.size().map(ByteSize::incusValue).orElse(planned),
                answer -> {
                    ByteSize size;
                    try {
                        size = ByteSize.parse(answer);
                    } catch (IllegalArgumentException e) {
                        return new Parsed.Rejected<>(e.getMessage() + ".");
                    }
                    boolean unchanged =
                            request.size().isEmpty() && size.incusValue().equals(planned);
                    return accepted(
                            request.withSize(unchanged ? Optional.empty() : Optional.of(size)), "Type another size.");
                });
    }

    /** Setup's part of the request: the migration is planned by migrate's own pre-flight after setup. */
    private PlanOutcome setupPlan(InstallRequest request) {
        return planner.apply(request.withMigrate(MigrateSelection.none()));
    }

    /**
     * Accepts the request when setup's planner would plan it; otherwise its refusal's problem is shown with
     * {@code retry}, the answer's own advice (the refusal's remedies name flags, which the operator is not typing
     * here).
     */
    private Parsed<InstallRequest> accepted(InstallRequest request, String retry) {
        PlanOutcome outcome = setupPlan(request);
        if (outcome instanceof PlanOutcome.Refusal refusal) {
            return new Parsed.Rejected<>(
                    "Failed to plan " + refusal.object() + ": " + refusal.problem() + ". " + retry);
        }
        return new Parsed.Accepted<>(request);
    }

    private UnitChoices chooseUnits(UnitChoices preset) {
        UnitChoices.Resolved current = preset.resolve(facts.installedConfig());
        term.heading("Background services");
        boolean fetch = term.yesNo(
                "Download the taOS base image in the background, at low priority (taos-base-image.service)?",
                current.fetchBaseImage());
        boolean grow = term.yesNo(
                "Let the hourly pool watch grow the pool's loop file when it passes the warning level?",
                current.poolAutoGrow());
        boolean build = term.yesNo(
                "Rebuild stale image layers in the background when images.yaml or the base image changes "
                        + "(taos-image-build.path)?",
                current.imageBuild());
        return new UnitChoices(Optional.of(fetch), Optional.of(grow), Optional.of(build));
    }

    private Answer review(PlanOutcome.Plan plan, InstallRequest request) {
        term.heading("The plan");
        List<String> migrating = request.migrate() instanceof MigrateSelection.Named named ? named.names() : List.of();
        // Setup's plan migrates nothing itself; when the wizard migrates right after it, "they stay where they are" is
        // not true.
        List<String> notes = plan.notes().stream()
                .filter(n -> migrating.isEmpty() || !n.equals(MigrationChoice.stayNote(facts.incus())))
                .toList();
        term.say(PlanReport.steps(new PlanOutcome.Plan(
                        plan.summary(), plan.steps(), notes, plan.sizing(), plan.pool(), plan.migrating()))
                .stripTrailing());
        if (!migrating.isEmpty()) {
            int staying = facts.incus().instances().size() - migrating.size();
            term.say("\nThen migrate " + String.join(", ", migrating)
                    + " to the pool above: each is copied and verified file by file"
                    + " (a running one is copied while it runs, then stopped, brought up to date, verified and started "
                    + "again)."
                    + " The originals are kept, stopped, until taos-host migrate --prune."
                    + (staying > 0 ? " The other " + staying + " instance(s) stay where they are." : ""));
        }
        if (plan.nothingToDo() && migrating.isEmpty()) {
            return new Answer.NothingToDo(request, plan.summary());
        }
        boolean touchesExisting = !migrating.isEmpty()
                || plan.steps().stream()
                        .anyMatch(s -> s.kind() == Step.Kind.RECREATE_POOL
                                || s.kind() == Step.Kind.PIN_INSTANCES
                                || s.kind() == Step.Kind.MAP_APP_USER
                                || s.kind() == Step.Kind.ALLOW_APP_DEPLOY
                                || s.kind() == Step.Kind.SET_PROFILE_ROOT
                                        && !facts.incus().instances().isEmpty());
        if (touchesExisting) {
            term.say("\nThis changes what exists on this host (see above), so the answer defaults to no.");
        }
        term.say("");
        return term.yesNo("Apply this plan?", !touchesExisting)
                ? new Answer.Confirmed(request, plan)
                : new Answer.Declined(request);
    }
}

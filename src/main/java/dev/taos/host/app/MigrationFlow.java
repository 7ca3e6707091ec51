package dev.taos.host.app;

import dev.taos.host.apply.ManifestScanner;
import dev.taos.host.apply.MigrationJournal;
import dev.taos.host.apply.Migrator;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.Lanes;
import dev.taos.host.core.migrate.Preflight;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import dev.taos.host.core.plan.StopPolicy;
import dev.taos.host.probe.InstanceObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * migrate: pre-flight, the plan, consent, then the protocol, instances side by side in lanes; and --status, --resume,
 * --rollback and --prune on the journal's records. Everything but --status holds the host's lock.
 */
public final class MigrationFlow {

    /** Why a run had nothing to do. */
    public enum Nothing {
        TO_MIGRATE,
        TO_RESUME,
        TO_ROLL_BACK,
        TO_PRUNE
    }

    /**
     * What the flow tells the operator and asks them; the flow decides each outcome's exit code and hands it over where
     * the report prints it (--json's result event).
     */
    public interface Ui extends FlowUi {
        Migrator.Events events();

        void status(List<InstanceMigration> records);

        /** The containers a migration could take ({@code project}'s only, when given), and the earlier migrations. */
        void candidates(HostFacts facts, Optional<String> project, List<InstanceMigration> earlier);

        void refused(Refusal refusal, ExitCode exit);

        void nothing(Nothing why, ExitCode exit);

        void plan(Preflight.Result.Ready ready, Lanes lanes);

        void rollbackWarning(List<InstanceMigration> finished);

        void pruneList(List<InstanceMigration> targets);

        /** The operator's yes or no; an {@link InvalidInput} when nobody can be asked. */
        boolean confirmed(String question);

        void declined();

        void finished(List<Migrator.Result> results, ExitCode exit);
    }

    private final Host host;
    private final Ui ui;
    private final MigrationJournal journal;
    private final Lanes lanes;

    /** {@code lanes}: how many instances migrate at once, by default {@link Lanes#auto} for this machine's cores. */
    public MigrationFlow(Host host, Ui ui, Optional<Lanes> lanes) {
        this.host = host;
        this.ui = ui;
        this.journal = new MigrationJournal(host.stateDir());
        this.lanes = lanes.orElseGet(() -> Lanes.auto(Runtime.getRuntime().availableProcessors()));
    }

    public ExitCode status() {
        ui.status(journal.read());
        return ExitCode.OK;
    }

    /**
     * No selection lists the candidates (of {@code project} only, when given) and changes nothing; a selection is
     * migrated after consent (or with {@code yes}).
     */
    public ExitCode select(
            MigrateSelection selection, Optional<String> project, Optional<String> to, StopPolicy stop, boolean yes) {
        return HostLock.holding(host, "migrate", ui, () -> {
            HostFacts facts = host.probe();
            if (selection instanceof MigrateSelection.None) {
                ui.candidates(facts, project, journal.read());
                return ExitCode.OK;
            }
            return migrate(facts, selection, to, stop, yes);
        });
    }

    /** Pre-flight, the plan, consent (asked unless already given), then the migration; the caller holds the lock. */
    ExitCode migrate(
            HostFacts facts, MigrateSelection selection, Optional<String> to, StopPolicy stop, boolean consented) {
        var checked = Preflight.check(facts, selection, to, stop, journal.read());
        if (checked instanceof Preflight.Result.Refused refused) {
            ExitCode exit = ExitCode.of(refused.refusal());
            ui.refused(refused.refusal(), exit);
            return exit;
        }
        var ready = (Preflight.Result.Ready) checked;
        if (ready.candidates().isEmpty()) {
            return nothing(Nothing.TO_MIGRATE);
        }
        ui.plan(ready, lanes);
        if (!consented && !ui.confirmed("Migrate " + ready.candidates().size() + " instance(s)?")) {
            return declined();
        }
        List<InstanceMigration> planned = ready.candidates().stream()
                .map(c -> InstanceMigration.planned(
                        c.instance().project(),
                        c.instance().name(),
                        c.instance().pool(),
                        ready.target().name(),
                        c.bytes(),
                        stop))
                .toList();
        return finished(migrator().migrate(planned, lanes.count()));
    }

    private ExitCode nothing(Nothing why) {
        ui.nothing(why, ExitCode.OK);
        return ExitCode.OK;
    }

    private ExitCode declined() {
        ui.declined();
        return ExitCode.INTERRUPTED;
    }

    /** 0 when every instance went as asked, else 4. */
    private ExitCode finished(List<Migrator.Result> results) {
        ExitCode exit = results.stream().anyMatch(r -> r.problem().isPresent()) ? ExitCode.STEP_FAILED : ExitCode.OK;
        ui.finished(results, exit);
        return exit;
    }

    public ExitCode resume() {
        return HostLock.holding(host, "migrate", ui, () -> {
            List<InstanceMigration> unfinished = journal.read().stream()
                    .filter(InstanceMigration::unfinished)
                    .toList();
            return unfinished.isEmpty()
                    ? nothing(Nothing.TO_RESUME)
                    : finished(migrator().migrate(unfinished, lanes.count()));
        });
    }

    /**
     * Puts originals back: the unfinished migrations, or the named ones. A finished one loses what the migrated
     * instance wrote since: that is always said, and it needs the question's yes, or with {@code yes} the operator's
     * {@code discardWrites}.
     */
    public ExitCode rollback(List<String> names, boolean yes, boolean discardWrites) {
        return HostLock.holding(host, "migrate", ui, () -> {
            List<InstanceMigration> targets =
                    chosen(names, m -> m.unfinished() || m.awaitingPrune(), InstanceMigration::unfinished, "roll back");
            if (targets.isEmpty()) {
                return nothing(Nothing.TO_ROLL_BACK);
            }
            List<InstanceMigration> finished =
                    targets.stream().filter(InstanceMigration::awaitingPrune).toList();
            if (!finished.isEmpty()) {
                ui.rollbackWarning(finished);
                if (yes && !discardWrites) {
                    throw new InvalidInput(
                            "Failed to roll back " + finished.get(0).qualifiedName()
                                    + ": its migration finished, so rolling it back loses what it wrote since. Add"
                                    + " --discard-writes to accept that with --yes, or leave --yes out to be asked.");
                }
                if (!yes
                        && !ui.confirmed("Roll back " + finished.size() + " finished migration(s), losing what they"
                                + " wrote since?")) {
                    return declined();
                }
            }
            return finished(migrator().rollback(targets, "asked for with migrate --rollback"));
        });
    }

    /** Deletes the originals that finished migrations keep, after listing them and consent. */
    public ExitCode prune(List<String> names, boolean yes) {
        return HostLock.holding(host, "migrate", ui, () -> {
            List<InstanceMigration> targets =
                    chosen(names, InstanceMigration::awaitingPrune, InstanceMigration::awaitingPrune, "prune");
            if (targets.isEmpty()) {
                return nothing(Nothing.TO_PRUNE);
            }
            ui.pruneList(targets);
            if (!yes && !ui.confirmed("Delete these " + targets.size() + " original(s)?")) {
                return declined();
            }
            return finished(migrator().prune(targets));
        });
    }

    /**
     * The named records (each must pass {@code allowed}), or every record passing {@code byDefault} when none is named.
     */
    private List<InstanceMigration> chosen(
            List<String> names,
            Predicate<InstanceMigration> allowed,
            Predicate<InstanceMigration> byDefault,
            String verb) {
        List<InstanceMigration> records = journal.read();
        if (names.isEmpty()) {
            return records.stream().filter(byDefault).toList();
        }
        List<InstanceMigration> targets = new ArrayList<>();
        for (String name : names.stream().distinct().toList()) {
            MigrateSelection.Ref ref = MigrateSelection.Ref.parse(name);
            InstanceMigration record = records.stream()
                    .filter(m -> m.is(ref.project(), ref.name()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInput("Failed to read NAME: there is no migration of \"" + name
                            + "\" to " + verb + ". Run taos-host migrate --status to see them."));
            if (!allowed.test(record)) {
                throw new InvalidInput("Failed to read NAME: the migration of \"" + name + "\" cannot be "
                        + (verb.equals("prune") ? "pruned" : "rolled back") + " (" + record.progress()
                        + "). Run taos-host migrate --status to see them.");
            }
            targets.add(record);
        }
        return targets;
    }

    private Migrator migrator() {
        return new Migrator(
                host.runner(),
                new InstanceObserver(host.incus().get()),
                journal,
                new ManifestScanner(),
                host.poolsRoot(),
                ui.events());
    }
}

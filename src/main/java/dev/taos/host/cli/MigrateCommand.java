package dev.taos.host.cli;

import dev.taos.host.ExitCode;
import dev.taos.host.apply.ManifestScanner;
import dev.taos.host.apply.MigrationJournal;
import dev.taos.host.apply.Migrator;
import dev.taos.host.apply.RunLock;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.Preflight;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.Names;
import dev.taos.host.core.plan.StopPolicy;
import dev.taos.host.probe.InstanceObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(mixinStandardHelpOptions = true, name = "migrate", description = {
    "Move chosen containers from a dir pool to the copy-on-write pool. Each is copied, verified file by file, and only then",
    "takes over its name; the original is kept, stopped, until --prune. Without a selection it lists the candidates."})
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    TaosHostCommand parent;

    @Option(names = "--instances", paramLabel = "NAME[,NAME...]", description = "The containers to migrate.")
    String instances;

    @Option(names = "--all", description = "Migrate every container on a pool that is not copy-on-write.")
    boolean all;

    @Option(names = "--to", paramLabel = "POOL", description = "Target pool (default: the default profile's root pool).")
    String to;

    @Option(names = "--stop-timeout", paramLabel = "DURATION",
            description = "How long a running container may take to stop cleanly, e.g. 30s or 2m (default: 30s).")
    String stopTimeout;

    @Option(names = "--force-stop", description = "Stop a container forcibly when it has not stopped cleanly within --stop-timeout"
            + " (default: its migration is refused and it keeps running).")
    boolean forceStop;

    @Option(names = {"--yes", "-y"}, description = "Do not ask (for provisioning).")
    boolean yes;

    @Option(names = "--status", description = "Show each migration's state and step.")
    boolean status;

    @Option(names = "--resume", description = "Finish an interrupted migration.")
    boolean resume;

    @Option(names = "--rollback", description = "Put originals back under their own names and states and delete the copies "
            + "(default: the unfinished migrations; name finished ones to undo them too).")
    boolean rollback;

    @Option(names = "--prune", description = "Delete the originals kept by finished migrations (lists them and asks first).")
    boolean prune;

    @Option(names = "--json", description = "Print one JSON event per line (schema in README.md).")
    boolean json;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "With --rollback or --prune: only these instances.")
    List<String> names = new ArrayList<>();

    private enum Mode { SELECT, STATUS, RESUME, ROLLBACK, PRUNE }

    @Override
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    public Integer call() {
        Mode mode = mode();
        HostEnvironment env = parent.environment();
        MigrationJournal journal = new MigrationJournal(env.stateDir());
        MigrateReport report = new MigrateReport(parent.out(), parent.err(), json, env.terminal());
        if (mode == Mode.STATUS) {
            return report.status(journal.read());
        }
        Optional<RunLock> lock = HostLock.acquire(env, "migrate", parent.err());
        if (lock.isEmpty()) {
            return ExitCode.LOCKED.code();
        }
        try (RunLock held = lock.get()) {
            return switch (mode) {
                case RESUME -> resume(env, journal, report);
                case ROLLBACK -> rollback(env, journal, report);
                case PRUNE -> prune(env, journal, report);
                default -> select(env, journal, report);
            };
        }
    }

    private int select(HostEnvironment env, MigrationJournal journal, MigrateReport report) {
        MigrateSelection selection = all ? new MigrateSelection.All() : instances == null ? MigrateSelection.none() : selection(instances);
        HostFacts facts = env.probe(null);
        if (selection instanceof MigrateSelection.None) {
            return report.candidates(facts, journal.read());
        }
        return migrate(env, journal, report, facts, selection, Optional.ofNullable(to), stopPolicy(), yes);
    }

    /** Pre-flight, the plan, consent (asked unless already given), then the migration one instance at a time. */
    static int migrate(HostEnvironment env, MigrationJournal journal, MigrateReport report, HostFacts facts, MigrateSelection selection,
            Optional<String> to, StopPolicy stop, boolean consented) {
        var checked = Preflight.check(facts, selection, to, stop, journal.read());
        if (checked instanceof Preflight.Result.Refused refused) {
            return report.refused(refused.refusal());
        }
        var ready = (Preflight.Result.Ready) checked;
        if (ready.candidates().isEmpty()) {
            return report.nothingToMigrate();
        }
        report.plan(ready);
        if (!consented && !report.confirmed(env, "Migrate " + ready.candidates().size() + " instance(s)?")) {
            return report.declined();
        }
        List<InstanceMigration> planned = ready.candidates().stream().map(c -> InstanceMigration.planned(c.instance().name(),
                c.instance().pool(), ready.target().name(), c.bytes(), stop)).toList();
        return report.finished(migrator(env, journal, report).migrate(planned));
    }

    private int resume(HostEnvironment env, MigrationJournal journal, MigrateReport report) {
        List<InstanceMigration> unfinished = journal.read().stream().filter(InstanceMigration::unfinished).toList();
        if (unfinished.isEmpty()) {
            return report.nothing("Nothing to resume: no migration is unfinished.");
        }
        return report.finished(migrator(env, journal, report).migrate(unfinished));
    }

    private int rollback(HostEnvironment env, MigrationJournal journal, MigrateReport report) {
        List<InstanceMigration> targets = chosen(journal, m -> m.unfinished() || m.awaitingPrune(), InstanceMigration::unfinished, "roll back");
        if (targets.isEmpty()) {
            return report.nothing("Nothing to roll back: no migration is unfinished. Name a finished one to undo it: migrate --rollback NAME.");
        }
        List<InstanceMigration> finished = targets.stream().filter(InstanceMigration::awaitingPrune).toList();
        if (!finished.isEmpty() && !yes) {
            report.rollbackWarning(finished);
            if (!report.confirmed(env, "Roll back " + finished.size() + " finished migration(s)?")) {
                return report.declined();
            }
        }
        return report.finished(migrator(env, journal, report).rollback(targets, "asked for with migrate --rollback"));
    }

    private int prune(HostEnvironment env, MigrationJournal journal, MigrateReport report) {
        List<InstanceMigration> targets = chosen(journal, InstanceMigration::awaitingPrune, InstanceMigration::awaitingPrune, "prune");
        if (targets.isEmpty()) {
            return report.nothing("Nothing to prune: no finished migration keeps an original.");
        }
        report.pruneList(targets);
        if (!yes && !report.confirmed(env, "Delete these " + targets.size() + " original(s)?")) {
            return report.declined();
        }
        return report.finished(migrator(env, journal, report).prune(targets));
    }

    /** The named records (each must pass {@code allowed}), or every record passing {@code byDefault} when none is named. */
    private List<InstanceMigration> chosen(MigrationJournal journal, Predicate<InstanceMigration> allowed,
            Predicate<InstanceMigration> byDefault, String verb) {
        List<InstanceMigration> records = journal.read();
        if (names.isEmpty()) {
            return records.stream().filter(byDefault).toList();
        }
        List<InstanceMigration> targets = new ArrayList<>();
        for (String name : names.stream().distinct().toList()) {
            InstanceMigration record = records.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() -> invalid(
                    "Failed to read NAME: there is no migration of \"" + name + "\" to " + verb + ". Run taos-host migrate --status to see them."));
            if (!allowed.test(record)) {
                throw invalid("Failed to read NAME: the migration of \"" + name + "\" cannot be " + (verb.equals("prune") ? "pruned" : "rolled back")
                        + " (" + record.progress() + "). Run taos-host migrate --status to see them.");
            }
            targets.add(record);
        }
        return targets;
    }

    private static Migrator migrator(HostEnvironment env, MigrationJournal journal, MigrateReport report) {
        return new Migrator(env.runner(), new InstanceObserver(env.incusApi()), journal, new ManifestScanner(), env.poolsRoot(),
                TestHold.around(report.events(), report.err()));
    }

    private Mode mode() {
        boolean selecting = instances != null || all;
        List<String> chosen = Stream.of(selecting ? "--instances/--all" : null, status ? "--status" : null, resume ? "--resume" : null,
                rollback ? "--rollback" : null, prune ? "--prune" : null).filter(s -> s != null).toList();
        if (chosen.size() > 1) {
            throw invalid("Failed to read the options: " + String.join(" and ", chosen) + " cannot be combined. Give one of them.");
        }
        if (instances != null && all) {
            throw invalid("Failed to read --instances: it cannot be combined with --all. Name the instances, or use --all alone.");
        }
        if (!names.isEmpty() && !rollback && !prune) {
            throw invalid("Failed to read \"" + names.get(0) + "\": instance names go after --rollback or --prune; choose instances to migrate with --instances NAME[,NAME...].");
        }
        names.stream().filter(n -> !Names.validInstanceName(n)).findFirst().ifPresent(n -> {
            throw invalid("Failed to read NAME: \"" + n + "\" is not a valid instance name. Run taos-host migrate --status to see the migrations.");
        });
        if (instances != null) {
            selection(instances);
        }
        if ((stopTimeout != null || forceStop) && !selecting) {
            throw invalid("Failed to read --stop-timeout/--force-stop: they apply to a new migration only; give --instances or --all with them.");
        }
        stopPolicy();
        if (to != null) {
            if (!selecting) {
                throw invalid("Failed to read --to: it applies to a new migration only; give --instances or --all with it.");
            }
            Names.poolNameProblem(to).ifPresent(p -> {
                throw invalid("Failed to read --to: " + p);
            });
        }
        return selecting ? Mode.SELECT : status ? Mode.STATUS : resume ? Mode.RESUME : rollback ? Mode.ROLLBACK : prune ? Mode.PRUNE : Mode.SELECT;
    }

    private StopPolicy stopPolicy() {
        try {
            long seconds = stopTimeout == null ? StopPolicy.DEFAULT_TIMEOUT_SECONDS : StopPolicy.parseSeconds(stopTimeout);
            return new StopPolicy(seconds, forceStop);
        } catch (IllegalArgumentException e) {
            throw invalid("Failed to read --stop-timeout: " + e.getMessage());
        }
    }

    private static MigrateSelection selection(String text) {
        if (text.isBlank() || text.strip().equals("none") || text.strip().equals("all")) {
            throw invalid("Failed to read --instances: give instance names separated by commas (use --all for every candidate).");
        }
        try {
            return MigrateSelection.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid("Failed to read --instances: " + e.getMessage());
        }
    }

    private static RequestOptions.InvalidInput invalid(String message) {
        return new RequestOptions.InvalidInput(message);
    }
}

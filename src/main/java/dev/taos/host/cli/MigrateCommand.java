package dev.taos.host.cli;

import dev.taos.host.app.InvalidInput;
import dev.taos.host.app.MigrationFlow;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.Names;
import dev.taos.host.core.plan.StopPolicy;
import dev.taos.host.ui.output.MigrateReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
    public Integer call() {
        Mode mode = mode();
        MigrationFlow flow = new MigrationFlow(parent.host(), new MigrateReport(parent.out(), parent.err(), json, parent.operator()), parent.err());
        return switch (mode) {
            case STATUS -> flow.status();
            case RESUME -> flow.resume();
            case ROLLBACK -> flow.rollback(names, yes);
            case PRUNE -> flow.prune(names, yes);
            case SELECT -> flow.select(all ? new MigrateSelection.All() : instances == null ? MigrateSelection.none() : selection(instances),
                    Optional.ofNullable(to), stopPolicy(), yes);
        };
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

    private static InvalidInput invalid(String message) {
        return new InvalidInput(message);
    }
}

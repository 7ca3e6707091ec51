package dev.taos.host.cli;

import dev.taos.host.app.ExitCode;
import dev.taos.host.app.InvalidInput;
import dev.taos.host.app.MigrationFlow;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.migrate.Lanes;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.Names;
import dev.taos.host.core.plan.StopPolicy;
import dev.taos.host.ui.output.MigrateReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        mixinStandardHelpOptions = true,
        name = "migrate",
        description = {
            "Move chosen containers from a dir pool to the copy-on-write pool. Each is copied, verified file by file, "
                    + "and only then",
            "takes over its name; the original is kept, stopped, until --prune. Without a selection it lists the "
                    + "candidates."
        })
final class MigrateCommand implements Callable<ExitCode> {

    /**
     * One thing to do at a time: a new migration of some or all containers, or one of the journal's actions; none lists
     * the candidates.
     */
    static final class Action {
        @Option(
                names = "--instances",
                required = true,
                paramLabel = "NAME[,NAME...]",
                converter = Converters.InstanceNames.class,
                description = "Migrate these containers.")
        MigrateSelection instances;

        @Option(
                names = "--all",
                required = true,
                description = "Migrate every container on a pool that is not copy-on-write.")
        boolean all;

        @Option(names = "--status", required = true, description = "Show each migration's state and step.")
        boolean status;

        @Option(names = "--resume", required = true, description = "Finish an interrupted migration.")
        boolean resume;

        @Option(
                names = "--rollback",
                required = true,
                description = "Put originals back under their own names and states and delete the copies "
                        + "(default: the unfinished migrations; name finished ones to undo them too).")
        boolean rollback;

        @Option(
                names = "--prune",
                required = true,
                description = "Delete the originals kept by finished migrations (lists them and asks first).")
        boolean prune;

        boolean selecting() {
            return instances != null || all;
        }
    }

    @ParentCommand
    TaosHostCommand parent;

    @ArgGroup(exclusive = true)
    Action action;

    @Option(
            names = "--to",
            paramLabel = "POOL",
            converter = Converters.PoolName.class,
            description = "With --instances or --all: the target pool (default: the default profile's root pool).")
    String to;

    @Mixin
    StopOptions stop = new StopOptions();

    @Option(
            names = "--parallel",
            paramLabel = "N",
            converter = Converters.LaneCount.class,
            description =
                    "With --instances, --all or --resume: how many containers migrate at once, each verified while the "
                            + "next one is"
                            + " copied (default: 2, or 1 on a single core).")
    Lanes parallel;

    @Option(
            names = "--project",
            paramLabel = "NAME",
            converter = Converters.ProjectName.class,
            description =
                    "The Incus project of the instances named (as incus's own flag; default: the default project, or "
                            + "PROJECT/NAME);"
                            + " with --all or no selection, only this project's containers (default: every project's).")
    String project;

    @Option(
            names = {"--yes", "-y"},
            description = "Do not ask (for provisioning).")
    boolean yes;

    @Option(names = "--json", description = "Print one JSON event per line (schema in docs/scripting.md).")
    boolean json;

    @Option(
            names = "--discard-writes",
            description = "With --rollback of a finished migration: accept that what the migrated instance wrote since"
                    + " its migration is lost (needed with --yes; without --yes you are asked).")
    boolean discardWrites;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "With --rollback or --prune: only these instances.")
    List<String> names = new ArrayList<>();

    @Override
    public ExitCode call() {
        checkNames();
        boolean selecting = action != null && action.selecting();
        Optional<String> newMigrationOnly = to != null ? Optional.of("--to") : stop.firstAsking();
        if (!selecting && newMigrationOnly.isPresent()) {
            throw new InvalidInput("Failed to read " + newMigrationOnly.get()
                    + ": it applies to a new migration only; give --instances or --all with it.");
        }
        if (project != null && action != null && (action.status || action.resume)) {
            throw new InvalidInput(
                    "Failed to read --project: --status and --resume take every project's migrations; leave --project "
                            + "out.");
        }
        if (discardWrites && (action == null || !action.rollback)) {
            throw new InvalidInput("Failed to read --discard-writes: it applies to --rollback only; give --rollback"
                    + " NAME with it.");
        }
        if (parallel != null && !(selecting || action.resume)) {
            throw new InvalidInput(
                    "Failed to read --parallel: it applies to a new migration or --resume only; give --instances, "
                            + "--all or --resume with it.");
        }
        MigrationFlow flow = new MigrationFlow(
                parent.host(),
                new MigrateReport(parent.out(), parent.err(), json, parent.operator()),
                Optional.ofNullable(parallel));
        if (action == null) {
            return flow.select(
                    MigrateSelection.none(),
                    Optional.ofNullable(project),
                    Optional.empty(),
                    StopPolicy.defaults(),
                    yes);
        }
        if (selecting) {
            StopPolicy stopPolicy = stop.policy(StopPolicy.defaults());
            MigrateSelection selection = action.all ? new MigrateSelection.All() : action.instances;
            return flow.select(
                    project == null ? selection : selection.inProject(project),
                    Optional.empty(),
                    Optional.ofNullable(to),
                    stopPolicy,
                    yes);
        }
        if (action.status) {
            return flow.status();
        }
        if (action.resume) {
            return flow.resume();
        }
        List<String> qualified = names.stream()
                .map(n -> project == null || n.contains("/") ? n : Project.qualified(project, n))
                .toList();
        return action.rollback ? flow.rollback(qualified, yes, discardWrites) : flow.prune(qualified, yes);
    }

    private void checkNames() {
        boolean namesAllowed = action != null && (action.rollback || action.prune);
        if (!names.isEmpty() && !namesAllowed) {
            throw new InvalidInput("Failed to read \"" + names.get(0)
                    + "\": instance names go after --rollback or --prune; choose instances to migrate"
                    + " with --instances NAME[,NAME...].");
        }
        names.stream()
                .filter(n ->
                        !Names.validInstanceName(MigrateSelection.Ref.parse(n).name())
                                || Names.projectNameProblem(
                                                MigrateSelection.Ref.parse(n).project())
                                        .isPresent())
                .findFirst()
                .ifPresent(n -> {
                    throw new InvalidInput("Failed to read NAME: \"" + n
                            + "\" is not a valid instance name. Run taos-host migrate --status to see the migrations.");
                });
    }
}

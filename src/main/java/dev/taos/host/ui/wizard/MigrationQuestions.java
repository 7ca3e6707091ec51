package dev.taos.host.ui.wizard;

import static dev.taos.host.core.ByteSize.human;

import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.migrate.Preflight;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.MigrationChoice;
import dev.taos.host.core.plan.StopPolicy;
import dev.taos.host.ui.output.TextTable;
import dev.taos.host.ui.wizard.WizardTerminal.Parsed;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The wizard's questions about existing containers: which to migrate (none unless typed), and whether a stop may be
 * forced.
 */
final class MigrationQuestions {

    private final WizardTerminal term;
    private final HostFacts facts;

    MigrationQuestions(WizardTerminal term, HostFacts facts) {
        this.term = term;
        this.facts = facts;
    }

    MigrateSelection chooseInstances(InstallRequest request, Optional<StoragePool> current) {
        MigrateSelection preset = request.migrate();
        StopPolicy stop = request.stop();
        var selected = MigrationChoice.select(facts.incus(), new MigrateSelection.All());
        List<Instance> movable = selected instanceof MigrationChoice.Result.Selected s ? s.instances() : List.of();
        Optional<String> elsewhere =
                selected instanceof MigrationChoice.Result.Selected s ? s.elsewhereNote() : Optional.empty();
        if (movable.isEmpty() && elsewhere.isEmpty()) {
            return MigrateSelection.none();
        }
        term.heading("Existing containers");
        elsewhere.ifPresent(term::say);
        if (movable.isEmpty()) {
            return MigrateSelection.none();
        }
        String targetDriver = current.filter(StoragePool::copyOnWrite)
                .map(StoragePool::driver)
                .orElse(request.driver().incusName());
        Optional<String> unreadable = Preflight.unreadableWhileStopped("the new pool", targetDriver);
        if (unreadable.isPresent()) {
            term.say(movable.size() + " container(s) stay on pools that are not copy-on-write: " + unreadable.get()
                    + ".");
            return MigrateSelection.none();
        }
        term.say("These containers are on pools that are not copy-on-write. They stay where they are unless you pick "
                + "them; none is picked");
        term.say("for you. A picked running container is copied while it runs, then stopped while the changes are "
                + "copied and every file");
        term.say("is verified (the downtime below), then started again;");
        term.say("its original is kept, stopped, until you run taos-host migrate --prune.");
        List<List<String>> rows =
                new ArrayList<>(List.of(List.of("", "#", "NAME", "STATE", "POOL", "SIZE", "SNAPSHOTS", "DOWNTIME")));
        for (Instance i : movable) {
            rows.add(List.of(
                    "[ ]",
                    String.valueOf(rows.size()),
                    qualified(i),
                    i.status(),
                    i.pool(),
                    human(i.diskUsageBytes()),
                    String.valueOf(i.snapshots().size()),
                    i.running()
                            ? "~" + Preflight.downtimeSeconds(i.diskUsageBytes(), stop) + " s (up to "
                                    + (Preflight.downtimeSeconds(i.diskUsageBytes(), stop) + stop.timeoutSeconds())
                                    + " s)"
                            : "none (stopped)"));
        }
        TextTable.lines(rows, term.width() - 2).forEach(line -> term.say("  " + line));
        String presetText = preset instanceof MigrateSelection.Named named ? String.join(",", named.names()) : "none";
        MigrateSelection chosen = term.ask(
                "Containers to migrate (numbers or names, commas between; none)",
                presetText,
                answer -> pick(answer, movable));
        if (chosen instanceof MigrateSelection.Named named) {
            movable.forEach(
                    i -> term.say("  " + (named.names().contains(qualified(i)) ? "[x] " : "[ ] ") + qualified(i)));
        }
        return chosen;
    }

    /** Forcing a stop is asked, never assumed: only when a picked container runs, and the default is no. */
    StopPolicy chooseStop(InstallRequest request) {
        List<String> picked = request.migrate() instanceof MigrateSelection.Named named ? named.names() : List.of();
        boolean anyRunning =
                facts.incus().instances().stream().anyMatch(i -> picked.contains(qualified(i)) && i.running());
        if (!anyRunning) {
            return request.stop();
        }
        term.say("A picked container that is running gets " + request.stop().timeoutSeconds()
                + " s to stop cleanly. If its init ignores the"
                + " shutdown signal, its migration is refused and it keeps running, unless you allow a forced stop.");
        return request.stop()
                .withForce(term.yesNo(
                        "Stop it forcibly if it has not stopped after "
                                + request.stop().timeoutSeconds() + " s?",
                        request.stop().force()));
    }

    private static Parsed<MigrateSelection> pick(String answer, List<Instance> movable) {
        if (answer.equalsIgnoreCase("none")) {
            return new Parsed.Accepted<>(MigrateSelection.none());
        }
        Set<String> names = new LinkedHashSet<>();
        for (String word : answer.split("[,\\s]+")) {
            if (word.equalsIgnoreCase("all")) {
                movable.forEach(i -> names.add(qualified(i)));
            } else if (word.matches("\\d+")
                    && Integer.parseInt(word) >= 1
                    && Integer.parseInt(word) <= movable.size()) {
                names.add(qualified(movable.get(Integer.parseInt(word) - 1)));
            } else if (movable.stream().anyMatch(i -> qualified(i).equals(word))) {
                names.add(word);
            } else {
                return new Parsed.Rejected<>(
                        "\"" + word + "\" is not one of the containers listed. Type numbers from 1 to " + movable.size()
                                + ", their names, all, or none.");
            }
        }
        return new Parsed.Accepted<>(new MigrateSelection.Named(List.copyOf(names)));
    }

    /** As the operator types it: NAME in the default project, PROJECT/NAME elsewhere. */
    private static String qualified(Instance instance) {
        return Project.qualified(instance.project(), instance.name());
    }
}

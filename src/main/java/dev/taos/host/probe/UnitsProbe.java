package dev.taos.host.probe;

import dev.taos.host.core.command.HostTools;
import dev.taos.host.core.facts.UnitFacts;
import dev.taos.host.exec.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which taOS units are in /etc/systemd/system, and what systemctl says of them (only where systemd runs). */
public final class UnitsProbe {

    private final Path unitDir;
    private final Runner runner;
    private final Optional<Path> systemctl;

    public UnitsProbe(Path unitDir, Runner runner, Optional<Path> systemctl) {
        this.unitDir = unitDir;
        this.runner = runner;
        this.systemctl = systemctl;
    }

    public List<UnitFacts> probe(boolean systemdRuns) {
        List<String> names = UnitCatalog.names();
        List<String> installed =
                names.stream().filter(n -> Files.exists(unitDir.resolve(n))).toList();
        List<String> enabled = ask("is-enabled", installed, systemdRuns);
        List<String> active = ask("is-active", installed, systemdRuns);
        List<UnitFacts> units = new ArrayList<>();
        for (String name : names) {
            int i = installed.indexOf(name);
            units.add(new UnitFacts(name, i >= 0, i >= 0 ? enabled.get(i) : "", i >= 0 ? active.get(i) : ""));
        }
        return units;
    }

    /**
     * systemctl prints one word per unit, in order, for both verbs; a non-zero exit only means "not all
     * enabled/active".
     */
    private List<String> ask(String verb, List<String> units, boolean systemdRuns) {
        List<String> blank = units.stream().map(u -> "").toList();
        if (units.isEmpty() || !systemdRuns || systemctl.isEmpty()) {
            return blank;
        }
        List<String> argv = new ArrayList<>(List.of(systemctl.get().toString(), verb));
        argv.addAll(units);
        List<String> words = runner.attempt(HostTools.ask(argv.toArray(String[]::new)))
                .stdout()
                .lines()
                .map(String::strip)
                .toList();
        return words.size() == units.size() ? words : blank;
    }
}

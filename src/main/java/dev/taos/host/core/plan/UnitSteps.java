package dev.taos.host.core.plan;

import dev.taos.host.core.Hashing;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.command.HostTools;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.UnitFacts;
import dev.taos.host.core.plan.Step.Change;
import dev.taos.host.core.units.DesiredFiles;
import dev.taos.host.core.units.ManagedFile;
import dev.taos.host.core.units.ManagedFile.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Steps that put taos-host's files in place: the jar the units run, the config, the units (checked by
 * {@code systemd-analyze verify} before {@code daemon-reload}), then enabling. A file already as wanted is left alone;
 * a differing one is backed up next to itself under its old content's hash, which is also how the step is undone.
 */
public final class UnitSteps {

    /** Where setup installs the jar the units run, and the jar it copies from (with its SHA-256). */
    public record Jar(String installedPath, String sourcePath, String sha256) {}

    private final HostFacts facts;

    public UnitSteps(HostFacts facts) {
        this.facts = facts;
    }

    public static String backupPath(String path, String oldHash) {
        return path + ".taos-backup-" + oldHash.substring(0, 12);
    }

    public List<Step> plan(List<ManagedFile> desired, Jar jar, List<String> notes) {
        List<Step> steps = new ArrayList<>();
        boolean systemd = facts.host().systemdPid1();
        removeOptedOut(desired, systemd).ifPresent(steps::add);
        installFiles(desired, jar, systemd).ifPresent(steps::add);
        if (systemd) {
            enable(desired).ifPresent(steps::add);
        } else {
            notes.add(
                    "systemd is not PID 1 here: unit files are written but not checked or enabled; run taos-host setup "
                            + "again once the host runs systemd.");
        }
        return steps;
    }

    private Optional<Step> installFiles(List<ManagedFile> desired, Jar jar, boolean systemd) {
        List<Change> changes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (!facts.hasFile(jar.installedPath(), jar.sha256())) {
            changes.add(Change.undone(
                    new Action.CopyFile(jar.sourcePath(), jar.installedPath(), "0644"),
                    undo(jar.installedPath(), facts.managedFileHash(jar.installedPath()))));
            names.add("taos-host.jar");
        }
        List<String> units = new ArrayList<>();
        for (ManagedFile file : desired) {
            if (!facts.hasFile(file.path(), Hashing.sha256(file.content()))) {
                changes.add(Change.undone(
                        new Action.WriteFile(file.path(), file.mode(), file.content()),
                        undo(file.path(), facts.managedFileHash(file.path()))));
                names.add(file.unitName());
                if (file.path().startsWith(HostPaths.UNIT_DIR)) {
                    units.add(file.path());
                }
            }
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        if (systemd && !units.isEmpty()) {
            changes.add(Change.of(new Action.Run(HostTools.analyze(units))));
            changes.add(Change.of(new Action.Run(HostTools.systemctl("daemon-reload"))));
        }
        return Optional.of(new Step(
                Step.Kind.INSTALL_FILES,
                "Installing " + String.join(", ", names)
                        + (systemd && !units.isEmpty() ? " (units checked with systemd-analyze verify)" : ""),
                changes,
                0));
    }

    /** An opt-in unit the operator has turned off: disabled, and moved aside as a backup (which is also its undo). */
    private Optional<Step> removeOptedOut(List<ManagedFile> desired, boolean systemd) {
        List<String> wanted = desired.stream().map(ManagedFile::unitName).toList();
        List<Change> changes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : DesiredFiles.OPT_IN_UNITS) {
            String path = HostPaths.UNIT_DIR + name;
            Optional<String> hash = facts.managedFileHash(path);
            if (wanted.contains(name) || hash.isEmpty()) {
                continue;
            }
            if (systemd) {
                changes.add(Change.undone(
                        new Action.Run(HostTools.systemctl("disable", name)),
                        new Action.Run(HostTools.systemctl("enable", name))));
            }
            changes.add(Change.undone(
                    new Action.Run(HostTools.move(path, backupPath(path, hash.get()))), undo(path, hash)));
            names.add(name);
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        if (systemd) {
            changes.add(Change.of(new Action.Run(HostTools.systemctl("daemon-reload"))));
        }
        return Optional.of(new Step(
                Step.Kind.INSTALL_FILES, "Removing " + String.join(", ", names) + " (turned off)", changes, 0));
    }

    /** Undoes one write: the backup goes back where it was, or a file that did not exist is removed. */
    private static Action undo(String path, Optional<String> oldHash) {
        return new Action.Run(oldHash.map(hash -> HostTools.move(backupPath(path, hash), path))
                .orElse(HostTools.remove(path)));
    }

    private Optional<Step> enable(List<ManagedFile> desired) {
        List<String> enableOnly = new ArrayList<>();
        List<String> enableNow = new ArrayList<>();
        List<String> background = new ArrayList<>();
        for (ManagedFile file : desired) {
            Optional<UnitFacts> unit = facts.unit(file.unitName());
            boolean enabled = unit.map(u -> u.enabled().equals("enabled")).orElse(false);
            boolean active = unit.map(u -> u.active().equals("active")).orElse(false);
            if (file.activation() == Activation.ENABLE && !enabled) {
                enableOnly.add(file.unitName());
            } else if (file.activation() == Activation.ENABLE_NOW && !(enabled && active)) {
                enableNow.add(file.unitName());
            } else if (file.activation() == Activation.ENABLE_START_IN_BACKGROUND && !enabled) {
                background.add(file.unitName());
            }
        }
        List<Change> changes = new ArrayList<>();
        if (!enableOnly.isEmpty()) {
            changes.add(
                    Change.undone(systemctl(List.of("enable"), enableOnly), systemctl(List.of("disable"), enableOnly)));
        }
        if (!enableNow.isEmpty()) {
            changes.add(Change.undone(
                    systemctl(List.of("enable", "--now"), enableNow),
                    systemctl(List.of("disable", "--now"), enableNow)));
        }
        if (!background.isEmpty()) {
            changes.add(
                    Change.undone(systemctl(List.of("enable"), background), systemctl(List.of("disable"), background)));
            changes.add(Change.undone(
                    systemctl(List.of("start", "--no-block"), background), systemctl(List.of("stop"), background)));
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        List<String> all = new ArrayList<>(enableNow);
        all.addAll(background);
        all.addAll(enableOnly);
        List<String> started = new ArrayList<>(enableNow);
        started.addAll(background);
        return Optional.of(new Step(
                Step.Kind.ENABLE_UNITS,
                "Enabling " + String.join(", ", all)
                        + (started.isEmpty() ? "" : " (starting " + String.join(", ", started) + " now)"),
                changes,
                0));
    }

    private static Action systemctl(List<String> verb, List<String> units) {
        List<String> argv = new ArrayList<>(verb);
        argv.addAll(units);
        return new Action.Run(HostTools.systemctl(argv.toArray(String[]::new)));
    }
}

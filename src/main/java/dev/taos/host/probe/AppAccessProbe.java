package dev.taos.host.probe;

import dev.taos.host.core.HostPaths;
import dev.taos.host.core.command.HostTools;
import dev.taos.host.core.facts.AppAccess;
import dev.taos.host.core.facts.AppAccess.AppUser;
import dev.taos.host.core.facts.AppAccess.AppUser.Source;
import dev.taos.host.core.facts.AppAccess.IncusUserService;
import dev.taos.host.core.facts.AppAccess.SubIds;
import dev.taos.host.core.facts.IdRange;
import dev.taos.host.core.facts.TaosApp;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.exec.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads how the taOS app reaches Incus: its user (--app-user, else User= of tinyagentos.service, else the owner of the
 * app's directory, else a user named taos) with ids and groups as the name service gives them, root's subordinate ids,
 * and incus-user's socket. Read-only.
 */
public final class AppAccessProbe {

    static final String DEFAULT_USER = "taos";

    private final Path root;
    private final Runner runner;
    private final ToolsProbe tools;
    private final List<String> unreadable;

    /** {@code root} is "/" on a real host. */
    public AppAccessProbe(Path root, Runner runner, ToolsProbe tools, List<String> unreadable) {
        this.root = root;
        this.runner = runner;
        this.tools = tools;
        this.unreadable = unreadable;
    }

    public AppAccess probe(Optional<String> override, TaosApp app, boolean systemdRuns) {
        return new AppAccess(user(override, app), subIds(), incusUser(systemdRuns));
    }

    AppUser user(Optional<String> override, TaosApp app) {
        if (override.isPresent()) {
            return lookUp(override.get(), Source.FLAG);
        }
        Optional<String> serviceUser =
                serviceUser(read(HostPaths.APP_SERVICE, unreadable).orElse(""));
        if (serviceUser.isPresent()) {
            return lookUp(serviceUser.get(), Source.SERVICE);
        }
        if (app.present() && !app.owner().isEmpty()) {
            return lookUp(app.owner(), Source.APP_DIRECTORY);
        }
        AppUser taos = lookUp(DEFAULT_USER, Source.DEFAULT_NAME);
        return taos.exists() ? taos : AppUser.none();
    }

    /** The User= of a unit's [Service] section; systemd's default, root, when the unit names none. */
    static Optional<String> serviceUser(String unit) {
        if (unit.isBlank()) {
            return Optional.empty();
        }
        boolean service = false;
        String user = "root";
        for (String line : unit.lines().map(String::strip).toList()) {
            if (line.startsWith("[")) {
                service = line.equals("[Service]");
            } else if (service && line.startsWith("User=")) {
                user = line.substring("User=".length()).strip();
            }
        }
        return Optional.of(user);
    }

    private AppUser lookUp(String name, Source source) {
        Optional<Path> getent = tools.find("getent");
        Optional<Path> id = tools.find("id");
        AppUser missing = new AppUser(name, source, -1, -1, List.of(), "");
        if (getent.isEmpty() || id.isEmpty()) {
            unreadable.add("the app's user " + name + " (getent or id is missing)");
            return missing;
        }
        CommandRunner.Result entry = runner.attempt(HostTools.ask(getent.get().toString(), "passwd", name));
        String[] fields = entry.ok() ? entry.stdout().strip().split(":", -1) : new String[0];
        if (fields.length < 7) {
            return missing;
        }
        CommandRunner.Result groups = runner.attempt(HostTools.ask(id.get().toString(), "-Gn", name));
        try {
            return new AppUser(
                    fields[0],
                    source,
                    Long.parseLong(fields[2]),
                    Long.parseLong(fields[3]),
                    groups.ok() ? Arrays.asList(groups.stdout().strip().split("\\s+")) : List.of(),
                    fields[5]);
        } catch (NumberFormatException e) {
            unreadable.add("the app's user " + name + " (getent printed "
                    + entry.stdout().strip() + ")");
            return missing;
        }
    }

    private SubIds subIds() {
        List<String> problems = new java.util.ArrayList<>();
        Optional<String> uids = read(HostPaths.SUBUID, problems);
        Optional<String> gids = read(HostPaths.SUBGID, problems);
        unreadable.addAll(problems);
        String why = problems.isEmpty() ? "" : problems.get(0);
        return new SubIds(
                IdRange.parseSubIds(uids.orElse(""), "root", 0), IdRange.parseSubIds(gids.orElse(""), "root", 0), why);
    }

    private IncusUserService incusUser(boolean systemdRuns) {
        boolean installed = Files.isExecutable(at(HostPaths.INCUS_USER_PROGRAM));
        boolean socket = Files.exists(at(HostPaths.INCUS_USER_SOCKET));
        Optional<Path> systemctl = tools.find("systemctl");
        if (!installed || !systemdRuns || systemctl.isEmpty()) {
            return new IncusUserService(installed, socket, "", "");
        }
        List<String> words = runner.attempt(
                        HostTools.ask(systemctl.get().toString(), "is-enabled", "incus-user.socket"))
                .stdout()
                .lines()
                .toList();
        List<String> active = runner.attempt(
                        HostTools.ask(systemctl.get().toString(), "is-active", "incus-user.socket"))
                .stdout()
                .lines()
                .toList();
        return new IncusUserService(
                true,
                socket,
                words.isEmpty() ? "" : words.get(0).strip(),
                active.isEmpty() ? "" : active.get(0).strip());
    }

    /** A file's text, or empty when it is not there; one that is there but unreadable is named as such. */
    private Optional<String> read(String path, List<String> problems) {
        Path file = at(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            problems.add(path + " (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private Path at(String absolute) {
        return root.resolve(absolute.substring(1));
    }
}

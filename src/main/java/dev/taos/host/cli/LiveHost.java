package dev.taos.host.cli;

import dev.taos.host.Main;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.TaosApp;
import dev.taos.host.core.plan.Planner;
import dev.taos.host.core.plan.UnitSteps;
import dev.taos.host.core.units.DesiredFiles;
import dev.taos.host.core.units.UnitSettings;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.probe.CliIncusApi;
import dev.taos.host.probe.FixtureCapture;
import dev.taos.host.probe.HostProbe;
import dev.taos.host.probe.IncusApi;
import dev.taos.host.probe.ManagedFilesProbe;
import dev.taos.host.probe.ToolsProbe;
import dev.taos.host.units.UnitCatalog;
import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The real host: programs run through {@code runner}, Incus asked through {@code incus query}, state in /var/lib/taos-host. */
public record LiveHost(CommandRunner runner, ToolsProbe tools) implements HostEnvironment {

    @Override
    public HostFacts probe(FixtureCapture recorder) {
        return new HostProbe(runner, tools, binary -> {
            IncusApi api = new CliIncusApi(runner, binary.toString());
            return recorder == null ? api : recorder.recording(api);
        }).probe();
    }

    @Override
    public Path stateDir() {
        return Path.of(HostPaths.STATE_DIR);
    }

    @Override
    public Optional<Planner.HostFiles> hostFiles(HostFacts facts) {
        TaosApp app = facts.taosApp();
        Path jar = runningJar();
        String hash = ManagedFilesProbe.sha256(jar).orElseThrow(() -> new IllegalStateException("Failed to read " + jar + " to install it"));
        UnitSettings settings = new UnitSettings(app.owner(), app.group(), app.installDir(), app.python(), app.installDir() + "/scripts/stop.sh",
                false, Path.of(System.getProperty("java.home"), "bin", "java").toString(), HostPaths.JAR, UnitSettings.PoolWatch.defaults());
        return Optional.of(new Planner.HostFiles(UnitCatalog.sources(), settings, new UnitSteps.Jar(HostPaths.JAR, jar.toString(), hash)));
    }

    @Override
    public IncusApi incusApi() {
        return new CliIncusApi(runner, tools.find("incus").map(Path::toString).orElse("incus"));
    }

    @Override
    public boolean terminal() {
        return System.console() != null;
    }

    @Override
    public Optional<Terminal> wizardTerminal() {
        if (System.console() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TerminalBuilder.builder().system(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to open the terminal for the guided setup: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean noColor() {
        String value = System.getenv("NO_COLOR");
        return value != null && !value.isEmpty();
    }

    @Override
    public Optional<Boolean> confirm(String question) {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        String answer = console.readLine("%s [y/N] ", question);
        return Optional.of(answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes"));
    }

    private static Path runningJar() {
        try {
            Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                throw new IllegalStateException("Failed to find the taos-host jar: running from " + location + ". Run the packaged jar (install.sh does).");
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Failed to find the taos-host jar: " + e.getMessage(), e);
        }
    }
}

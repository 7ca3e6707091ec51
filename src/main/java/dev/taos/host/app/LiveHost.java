package dev.taos.host.app;

import dev.taos.host.apply.Download;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.TaosApp;
import dev.taos.host.core.plan.Planner;
import dev.taos.host.core.plan.UnitSteps;
import dev.taos.host.core.units.UnitSettings;
import dev.taos.host.exec.ExecCommandRunner;
import dev.taos.host.exec.Runner;
import dev.taos.host.probe.CliIncusApi;
import dev.taos.host.probe.HostProbe;
import dev.taos.host.probe.IncusApi;
import dev.taos.host.probe.ManagedFilesProbe;
import dev.taos.host.probe.SocketIncusApi;
import dev.taos.host.probe.ToolsProbe;
import dev.taos.host.probe.UnitCatalog;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real host: programs run with Commons Exec, Incus asked over its socket (else {@code incus query}), state in
 * /var/lib/taos-host.
 */
public final class LiveHost {

    private LiveHost() {}

    public static Host create() {
        Runner runner = new Runner(new ExecCommandRunner());
        ToolsProbe tools = new ToolsProbe(System.getenv("PATH"));
        String incus = tools.find("incus").map(Path::toString).orElse("incus");
        Path socket = SocketIncusApi.socketPath(System.getenv(), HostPaths.INCUS_HOME);
        return new Host(
                (recorder, appUser) -> new HostProbe(runner, tools, binary -> {
                            IncusApi api = new SocketIncusApi(socket, new CliIncusApi(runner, binary.toString()));
                            return recorder == null ? api : recorder.recording(api);
                        })
                        .probe(appUser),
                runner,
                () -> new SocketIncusApi(socket, new CliIncusApi(runner, incus)),
                Path.of(HostPaths.STATE_DIR),
                Path.of(HostPaths.POOLS_ROOT),
                LiveHost::files,
                Host.Time.system(),
                new Download(),
                ProcessHandle.current().pid(),
                Optional.empty());
    }

    /** The unit texts this build ships, the values to render them with on this host, and the running jar to install. */
    private static Optional<Planner.HostFiles> files(HostFacts facts) {
        TaosApp app = facts.taosApp();
        Path jar = runningJar();
        String hash = ManagedFilesProbe.sha256(jar)
                .orElseThrow(() -> new IllegalStateException("Failed to read " + jar + " to install it"));
        UnitSettings settings = new UnitSettings(
                app.owner(),
                app.group(),
                app.installDir(),
                app.python(),
                app.installDir() + "/scripts/stop.sh",
                false,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HostPaths.JAR,
                UnitSettings.PoolWatch.defaults());
        return Optional.of(new Planner.HostFiles(
                UnitCatalog.sources(), settings, new UnitSteps.Jar(HostPaths.JAR, jar.toString(), hash)));
    }

    private static Path runningJar() {
        try {
            Path location = Path.of(LiveHost.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!Files.isRegularFile(location)) {
                throw new IllegalStateException("Failed to find the taos-host jar: running from " + location
                        + ". Run the packaged jar (install.sh does).");
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Failed to find the taos-host jar: " + e.getMessage(), e);
        }
    }
}

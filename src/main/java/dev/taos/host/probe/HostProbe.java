package dev.taos.host.probe;

import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.SystemFacts;
import dev.taos.host.core.facts.TaosApp;
import dev.taos.host.core.units.DesiredFiles;
import dev.taos.host.exec.Runner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Gathers {@link HostFacts} from the real host. Read-only: every command it runs only reads. */
public final class HostProbe {

    private final Runner runner;
    private final ToolsProbe tools;
    private final Function<Path, IncusApi> apiFactory;

    /** {@code apiFactory} turns the incus binary into an API; detect --capture wraps it to record the answers. */
    public HostProbe(Runner runner, ToolsProbe tools, Function<Path, IncusApi> apiFactory) {
        this.runner = runner;
        this.tools = tools;
        this.apiFactory = apiFactory;
    }

    /** {@code appUser}: the app's user as the operator named it (--app-user), else found on the host. */
    public HostFacts probe(Optional<String> appUser) {
        List<String> unreadable = Collections.synchronizedList(new ArrayList<>());
        // The daemon's answers take about as long as OSHI's start-up: ask both at once.
        CompletableFuture<IncusFacts> incus = CompletableFuture.supplyAsync(() -> incus(unreadable));
        SystemProbe system = new SystemProbe(Path.of("/"), unreadable);
        Map<String, Boolean> present = tools.presence();
        SystemFacts host = system.system();
        var storage = system.storage(present.get("snapper"), present.get("timeshift"));
        var kernel = system.kernel(host.kernel());
        var units = new UnitsProbe(Path.of("/etc/systemd/system"), runner, tools.find("systemctl"))
                .probe(host.systemdPid1());
        var files = new ManagedFilesProbe(unreadable);
        var hashes = files.hashes(DesiredFiles.managedPaths(UnitCatalog.names()));
        var app = files.app(TaosApp.DEFAULT_DIR);
        var config = files.config(HostPaths.CONFIG);
        var access =
                new AppAccessProbe(Path.of("/"), runner, tools, unreadable).probe(appUser, app, host.systemdPid1());
        return new HostFacts(
                HostFacts.SCHEMA_VERSION,
                host,
                storage,
                kernel,
                present,
                incus.join(),
                units,
                hashes,
                config,
                app,
                access,
                List.copyOf(unreadable));
    }

    private IncusFacts incus(List<String> unreadable) {
        Optional<Path> binary = tools.find("incus");
        if (binary.isEmpty()) {
            return IncusFacts.unavailable(IncusFacts.Status.NOT_INSTALLED, "no incus program on PATH");
        }
        IncusFacts facts = new IncusReader(apiFactory.apply(binary.get())).read();
        if (facts.status() == IncusFacts.Status.NO_ACCESS) {
            unreadable.add("the Incus daemon (" + facts.detail() + "); run as root or join the incus-admin group");
        }
        if (!facts.running()) {
            return facts;
        }
        facts.cluster().members().stream()
                .filter(m -> !m.unreadable().isEmpty())
                .forEach(m -> unreadable.add("cluster member \"" + m.name() + "\" (" + m.unreadable() + ")"));
        return new DiskUsageProbe(Path.of(HostPaths.POOLS_ROOT), runner, tools.find("du"), unreadable).fill(facts);
    }
}

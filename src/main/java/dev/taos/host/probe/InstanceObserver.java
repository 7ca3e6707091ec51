package dev.taos.host.probe;

import dev.taos.host.core.migrate.Observed;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the default project's instances as the migration protocol needs them: status, root pool, own config, snapshots, last start. */
public final class InstanceObserver {

    static final String PATH = "/1.0/instances?recursion=2";
    private static final String OPERATIONS = "/1.0/operations?recursion=1";

    private final IncusApi api;

    public InstanceObserver(IncusApi api) {
        this.api = api;
    }

    public Observed observe() throws IncusApi.IncusUnavailable {
        return parse(api.query(PATH));
    }

    /** The ids of the daemon's running operations that touch any of {@code names} (a killed client leaves its copy running). */
    public List<String> runningOperationsOn(Collection<String> names) throws IncusApi.IncusUnavailable {
        return operationsOn(api.query(OPERATIONS), names);
    }

    static List<String> operationsOn(String body, Collection<String> names) throws IncusApi.IncusUnavailable {
        var running = IncusObjects.readIfAny(OPERATIONS, body, IncusObjects.Operations.class)
                .map(IncusObjects.Operations::running).orElse(null);
        return (running == null ? List.<IncusObjects.Operations.Operation>of() : running).stream()
                .filter(op -> op.resources() != null && op.resources().getOrDefault("instances", List.of()).stream()
                        .map(ref -> ref.replaceFirst("^/1\\.0/instances/", "").replaceFirst("\\?.*$", "")).anyMatch(names::contains))
                .map(IncusObjects.Operations.Operation::id).distinct().toList();
    }

    static Observed parse(String body) throws IncusApi.IncusUnavailable {
        Map<String, Observed.Seen> seen = new HashMap<>();
        for (IncusObjects.Instance instance : IncusObjects.readList(PATH, body, IncusObjects.Instance.class)) {
            seen.put(instance.name(), new Observed.Seen(instance.name(), instance.status(), instance.rootPool(), instance.config(),
                    instance.snapshotNames(), instance.lastUsedAt() == null ? "" : instance.lastUsedAt()));
        }
        return new Observed(seen);
    }
}

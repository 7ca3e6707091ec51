package dev.taos.host.core.migrate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The instances as Incus reports them right now, by name; what the protocol looks at before each step. */
public record Observed(Map<String, Seen> instances) {

    public Observed {
        instances = Map.copyOf(instances);
    }

    /**
     * One instance: its status, the pool of its root disk, its own (not expanded) config, its snapshot names, and when it
     * last started ({@code last_used_at}, which Incus moves on every start).
     */
    public record Seen(String name, String status, String pool, Map<String, String> config, List<String> snapshots, String lastUsedAt) {
        public Seen {
            config = Map.copyOf(config);
            snapshots = List.copyOf(snapshots);
        }

        public boolean running() {
            return "Running".equalsIgnoreCase(status);
        }
    }

    public Optional<Seen> get(String name) {
        return Optional.ofNullable(instances.get(name));
    }

    /** The instance called {@code name} if it is on {@code pool}. */
    public Optional<Seen> on(String name, String pool) {
        return get(name).filter(seen -> seen.pool().equals(pool));
    }
}

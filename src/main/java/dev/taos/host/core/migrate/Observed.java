package dev.taos.host.core.migrate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instances of one project as Incus reports them right now, by name; what the protocol looks at before each step.
 * {@code member} is the cluster member taos-host runs on ("" on a standalone daemon): the one whose disk it reads.
 * {@code cloudInitIdLocked}: the project forbids setting {@code volatile.cloud-init.instance-id} (a restricted
 * project).
 */
public record Observed(String member, Map<String, Seen> instances, boolean cloudInitIdLocked) {

    public Observed {
        member = member == null ? "" : member;
        instances = Map.copyOf(instances);
    }

    /** In a project that lets a copy take the original's cloud-init id. */
    public Observed(String member, Map<String, Seen> instances) {
        this(member, instances, false);
    }

    /** On a standalone daemon. */
    public Observed(Map<String, Seen> instances) {
        this("", instances);
    }

    /**
     * One instance: its status, the pool of its root disk, its own (not expanded) config, its snapshot names, and when
     * it last started ({@code last_used_at}, which Incus moves on every start), and its cluster member ("" when
     * standalone).
     */
    public record Seen(
            String name,
            String status,
            String pool,
            Map<String, String> config,
            List<String> snapshots,
            String lastUsedAt,
            String location) {
        public Seen {
            config = Map.copyOf(config);
            snapshots = List.copyOf(snapshots);
            location = location == null || location.equals("none") ? "" : location;
        }

        /** On a standalone daemon. */
        public Seen(
                String name,
                String status,
                String pool,
                Map<String, String> config,
                List<String> snapshots,
                String lastUsedAt) {
            this(name, status, pool, config, snapshots, lastUsedAt, "");
        }

        /** The same instance as Incus would show it renamed, restarted or stopped, or with other config. */
        Seen as(String newName, String newStatus, Map<String, String> newConfig) {
            return new Seen(newName, newStatus, pool, newConfig, snapshots, lastUsedAt, location);
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

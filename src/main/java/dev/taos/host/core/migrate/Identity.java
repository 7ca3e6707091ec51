package dev.taos.host.core.migrate;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.migrate.Observed.Seen;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What makes a migrated instance the same machine to its network and to cloud-init: its MAC addresses and cloud-init
 * id.
 */
public final class Identity {

    static final String CLOUD_INIT_ID = "volatile.cloud-init.instance-id";

    private Identity() {}

    /** The keys of an instance's own config that make the copy the same machine to its network and to cloud-init. */
    public static Map<String, String> of(Map<String, String> config) {
        Map<String, String> identity = new TreeMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith("volatile.") && key.endsWith(".hwaddr") || key.equals(CLOUD_INIT_ID)) {
                identity.put(key, value);
            }
        });
        return identity;
    }

    /**
     * The copy takes the original's MAC addresses (its cloud-init id comes after its rename: {@link #cloudInitIdBack}).
     * The kept original gives up its MAC addresses: Incus refuses to start an instance whose MAC another instance on
     * the network holds, and the original gets fresh ones if it is ever started again; a rollback gives them back
     * ({@link Recovery#rollback}).
     */
    static List<Command> carry(InstanceMigration m, Seen copy, Optional<Seen> original) {
        List<Command> commands = new ArrayList<>();
        Map<String, String> carried = new TreeMap<>(m.identity());
        carried.remove(CLOUD_INIT_ID);
        if (!carried.isEmpty()) {
            commands.add(Incus.configSet(m.copyName(), carried));
        }
        // Incus marks a copy to apply the image's "copy" templates on first start; a migrated instance is the same
        // machine.
        if (copy.config().containsKey(Copies.APPLY_TEMPLATE)) {
            commands.add(Incus.configUnset(m.copyName(), List.of(Copies.APPLY_TEMPLATE)));
        }
        List<String> macs = macKeys(m).stream()
                .filter(key -> original.map(o -> o.config().containsKey(key)).orElse(false))
                .toList();
        if (!macs.isEmpty()) {
            commands.add(Incus.configUnset(m.name(), macs));
        }
        commands.add(Incus.configSet(m.name(), "boot.autostart", "false"));
        return commands;
    }

    /**
     * The command that gives the instance at {@code m}'s name (config {@code current} there: empty when a rename is
     * about to happen) the original's cloud-init id, unless it holds it. Incus gives an instance a new one at each
     * rename (verified on 6.0.4), and cloud-init runs again on an id it has not seen. A restricted project forbids
     * setting it ({@code cloudInitIdLocked}): there the instance keeps the one Incus gave it.
     */
    static Optional<Command> cloudInitIdBack(
            InstanceMigration m, Map<String, String> current, boolean cloudInitIdLocked) {
        String id = m.identity().get(CLOUD_INIT_ID);
        if (cloudInitIdLocked || id == null || Objects.equals(id, current.get(CLOUD_INIT_ID))) {
            return Optional.empty();
        }
        return Optional.of(Incus.configSet(m.name(), CLOUD_INIT_ID, id));
    }

    /** The MAC address keys among what the copy carries over ({@code volatile.NIC.hwaddr}), sorted. */
    static List<String> macKeys(InstanceMigration m) {
        return m.identity().keySet().stream()
                .filter(key -> key.endsWith(".hwaddr"))
                .sorted()
                .toList();
    }

    /**
     * The copy takes the instance's name, and the original's cloud-init id (Incus renews it at a rename), unless the
     * name is taken again by something else; repeated after a crash, only what is left.
     */
    static Next takeName(InstanceMigration m, Observed seen) {
        String name = m.name();
        boolean copyThere = Copies.copyThere(m, seen);
        boolean renamed = seen.on(name, m.targetPool()).isPresent() && !copyThere;
        List<Command> commands = new ArrayList<>();
        if (!renamed) {
            if (!copyThere || seen.get(name).isPresent()) {
                return new Next.Blocked(
                        !copyThere
                                ? Copies.copyGone(m)
                                : "\"" + name + "\" exists again on pool \""
                                        + seen.get(name).get().pool() + "\", so the copy cannot take the name");
            }
            commands.add(Incus.rename(m.copyName(), name));
        }
        // Whether renamed just now or before a crash, the copy holds a cloud-init id of the rename's own.
        Map<String, String> current =
                renamed ? seen.on(name, m.targetPool()).get().config() : Map.of();
        cloudInitIdBack(m, current, seen.cloudInitIdLocked()).ifPresent(commands::add);
        return Next.commands(commands);
    }
}

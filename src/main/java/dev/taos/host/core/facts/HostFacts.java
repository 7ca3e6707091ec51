package dev.taos.host.core.facts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything taos-host knows about a host, probed read-only. Field names are the stable
 * {@code detect --json} schema (documented in README.md); bump {@link #SCHEMA_VERSION} on any breaking change.
 */
public record HostFacts(
        int schemaVersion,
        SystemFacts host,
        StorageFacts storage,
        KernelFacts kernel,
        Map<String, Boolean> tools,
        IncusFacts incus,
        List<UnitFacts> units,
        List<String> unreadable) {

    public static final int SCHEMA_VERSION = 1;

    public HostFacts {
        tools = Collections.unmodifiableMap(new TreeMap<>(tools));
        units = List.copyOf(units);
        unreadable = List.copyOf(unreadable);
    }

    public boolean hasTool(String name) {
        return tools.getOrDefault(name, false);
    }

    public HostFacts withIncus(IncusFacts replacement) {
        return new HostFacts(schemaVersion, host, storage, kernel, tools, replacement, units, unreadable);
    }
}

package dev.taos.host.core.facts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything taos-host knows about a host, probed read-only. Field names are the stable {@code detect --json} schema
 * (documented in docs/scripting.md); bump {@link #SCHEMA_VERSION} on any breaking change. {@code managedFiles} maps
 * each file setup writes, when it exists, to the SHA-256 of its content; {@code installedConfig} holds the KEY=VALUE
 * settings of the config file setup wrote, when there is one.
 */
public record HostFacts(
        int schemaVersion,
        SystemFacts host,
        StorageFacts storage,
        KernelFacts kernel,
        Map<String, Boolean> tools,
        IncusFacts incus,
        List<UnitFacts> units,
        Map<String, String> managedFiles,
        Map<String, String> installedConfig,
        TaosApp taosApp,
        AppAccess appAccess,
        List<String> unreadable) {

    public static final int SCHEMA_VERSION = 1;

    public HostFacts {
        tools = Collections.unmodifiableMap(new TreeMap<>(tools));
        units = List.copyOf(units);
        // Records captured before these fields existed read as "nothing there".
        managedFiles = managedFiles == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(managedFiles));
        installedConfig =
                installedConfig == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(installedConfig));
        taosApp = taosApp == null ? TaosApp.absent(TaosApp.DEFAULT_DIR) : taosApp;
        appAccess = appAccess == null ? AppAccess.unknown() : appAccess;
        unreadable = List.copyOf(unreadable);
    }

    public boolean hasTool(String name) {
        return tools.getOrDefault(name, false);
    }

    public HostFacts withIncus(IncusFacts replacement) {
        return new HostFacts(
                schemaVersion,
                host,
                storage,
                kernel,
                tools,
                replacement,
                units,
                managedFiles,
                installedConfig,
                taosApp,
                appAccess,
                unreadable);
    }

    public HostFacts withAppAccess(AppAccess replacement) {
        return new HostFacts(
                schemaVersion,
                host,
                storage,
                kernel,
                tools,
                incus,
                units,
                managedFiles,
                installedConfig,
                taosApp,
                replacement,
                unreadable);
    }

    /** The SHA-256 (hex) of a file taos-host manages, when that file exists. */
    public Optional<String> managedFileHash(String path) {
        return Optional.ofNullable(managedFiles.get(path));
    }

    /** Whether the file at {@code path} exists with exactly the content hashed as {@code sha256}. */
    public boolean hasFile(String path, String sha256) {
        return sha256.equals(managedFiles.get(path));
    }

    /** What systemctl said of one taOS unit, if it is one detect looks at. */
    public Optional<UnitFacts> unit(String name) {
        return units.stream().filter(u -> u.name().equals(name)).findFirst();
    }
}

package dev.taos.host.app;

import dev.taos.host.core.facts.HostFacts;

/** A helper of app/ that is not a flow and reads the host (ArchitectureTest: PlantedHelperScreen calls it). */
public final class PlantedPlanning {
    public static HostFacts session(Host host) {
        return read(host);
    }

    private static HostFacts read(Host host) {
        return host.probe();
    }
}

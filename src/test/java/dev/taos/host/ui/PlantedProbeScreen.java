package dev.taos.host.ui;

import dev.taos.host.app.Host;
import dev.taos.host.core.facts.HostFacts;
import java.util.Optional;

/** Breaks onlyTheFlowsReadTheHost on purpose (ArchitectureTest): a screen that reads the host through the prober. */
final class PlantedProbeScreen {
    HostFacts show(Host host) {
        return host.prober().probe(null, Optional.empty());
    }
}

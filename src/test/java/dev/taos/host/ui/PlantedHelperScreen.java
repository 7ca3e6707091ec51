package dev.taos.host.ui;

import dev.taos.host.app.Host;
import dev.taos.host.app.PlantedPlanning;
import dev.taos.host.core.facts.HostFacts;

/** Breaks onlyTheFlowsReadTheHost on purpose (ArchitectureTest): a screen that reads the host through an app helper. */
final class PlantedHelperScreen {
    HostFacts show(Host host) {
        return PlantedPlanning.session(host);
    }
}

package dev.taos.host.ui;

import dev.taos.host.apply.HostChanges;

/** Breaks onlyTheFlowsChangeTheHost on purpose (ArchitectureTest): a screen that builds an apply-layer class. */
final class PlantedApplyScreen {
    Object changes() {
        return new HostChanges(null);
    }
}

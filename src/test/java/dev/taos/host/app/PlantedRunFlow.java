package dev.taos.host.app;

import dev.taos.host.core.command.HostTools;
import dev.taos.host.exec.CommandFailed;
import java.io.PrintStream;

/**
 * Breaks onlyApplyAndProbeRunCommands and theFlowsDoNotPrint on purpose (ArchitectureTest): a flow that runs a command
 * and prints its own words.
 */
final class PlantedRunFlow {
    void run(Host host, PrintStream out) throws CommandFailed {
        host.runner().run(HostTools.systemctl("daemon-reload"));
        out.println("synced");
    }
}

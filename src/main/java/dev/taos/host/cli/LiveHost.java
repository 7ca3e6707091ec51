package dev.taos.host.cli;

import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.probe.CliIncusApi;
import dev.taos.host.probe.FixtureCapture;
import dev.taos.host.probe.HostProbe;
import dev.taos.host.probe.IncusApi;
import dev.taos.host.probe.ToolsProbe;

/** The real host: programs run through {@code runner}, Incus asked through {@code incus query}. */
public record LiveHost(CommandRunner runner, ToolsProbe tools) implements HostEnvironment {

    @Override
    public HostFacts probe(FixtureCapture recorder) {
        return new HostProbe(runner, tools, binary -> {
            IncusApi api = new CliIncusApi(runner, binary.toString());
            return recorder == null ? api : recorder.recording(api);
        }).probe();
    }
}

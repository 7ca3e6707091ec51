package dev.taos.host.cli;

import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.probe.FixtureCapture;

/** Where the commands get their facts from: the live host, or a captured fixture in tests. */
public interface HostEnvironment {

    /** Probes the host; with a recorder, every Incus answer is also kept for a fixture. */
    HostFacts probe(FixtureCapture recorder);
}

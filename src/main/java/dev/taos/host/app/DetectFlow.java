package dev.taos.host.app;

import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.probe.FixtureCapture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * detect: the host's facts; with a capture directory, also the raw Incus answers and the facts, normalized, as a test
 * fixture.
 */
public final class DetectFlow {

    private DetectFlow() {}

    public static HostFacts facts(Host host, Optional<Path> capture) throws IOException {
        FixtureCapture recorder = capture.isEmpty() ? null : new FixtureCapture();
        HostFacts facts = host.prober().probe(recorder, host.appUser());
        if (recorder != null) {
            recorder.save(capture.get(), facts);
        }
        return facts;
    }
}

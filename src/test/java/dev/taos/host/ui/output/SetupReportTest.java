package dev.taos.host.ui.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taos.host.TestCommands;
import dev.taos.host.TestHost;
import dev.taos.host.core.plan.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A long setup step shows it is alive, as fits where the output goes: a redrawn line, plain lines, or JSON events. */
class SetupReportTest {

    private static final Step APT = new Step(
            Step.Kind.INSTALL_INCUS,
            "Installing Incus and btrfs-progs",
            List.of(Step.Change.of(TestCommands.run("apt-get", "install", "-y", "incus"))),
            0);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private String run(boolean terminal, boolean json, int seconds) {
        SetupReport report = new SetupReport(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                System.err,
                json,
                TestHost.operator(terminal, Optional.empty()));
        report.started(1, 6, APT);
        for (int s = 1; s <= seconds; s++) {
            report.running(1, 6, APT, Duration.ofSeconds(s));
        }
        report.finished(1, 6, APT);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalTheLineIsRedrawnEachSecondFromTheSecondOneAndEndsWithTheTime() {
        assertEquals(
                "[1/6] Installing Incus and btrfs-progs\n\r      still working: 2 s\r      still working: 3 s"
                        + "\r      done after 3 s    \n",
                run(true, false, 3),
                "each redraw covers the longer line before it");
    }

    @Test
    void aQuickStepShowsNothingMoreAndALogGetsAPlainLineEvery10Seconds() {
        assertEquals("[1/6] Installing Incus and btrfs-progs\n", run(true, false, 1));
        bytes.reset();
        assertEquals(
                "[1/6] Installing Incus and btrfs-progs\n      still working: 10 s\n      still working: 20 s\n      "
                        + "done after 23 s\n",
                run(false, false, 23));
    }

    @Test
    void withJsonEvery5SecondsIsAProgressEvent() {
        List<String> lines = run(false, true, 11).lines().toList();
        assertEquals(
                List.of(
                        "{\"event\":\"progress\",\"number\":1,\"of\":6,\"kind\":\"install-incus\","
                                + "\"elapsedSeconds\":5}",
                        "{\"event\":\"progress\",\"number\":1,\"of\":6,\"kind\":\"install-incus\","
                                + "\"elapsedSeconds\":10}"),
                lines.subList(1, 3));
        assertEquals(4, lines.size(), lines.toString());
    }

    @Test
    void aLateBeatStillGetsItsLineAndTheNextStepCountsAfresh() {
        SetupReport report = new SetupReport(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                System.err,
                false,
                TestHost.operator(false, Optional.empty()));
        report.started(1, 6, APT);
        for (long s : new long[] {1, 2, 9, 11, 12, 21}) {
            report.running(1, 6, APT, Duration.ofSeconds(s));
        }
        report.finished(1, 6, APT);
        report.started(2, 6, APT);
        report.running(2, 6, APT, Duration.ofSeconds(1));
        report.finished(2, 6, APT);
        assertEquals(
                "[1/6] Installing Incus and btrfs-progs\n      still working: 11 s\n      still working: 21 s\n      "
                        + "done after 21 s\n"
                        + "[2/6] Installing Incus and btrfs-progs\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}

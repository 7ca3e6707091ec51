package dev.taos.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.app.ExitCode;
import org.junit.jupiter.api.Test;

/** taos-host(1) is made from the command model: every command, its flags and the exit codes are in it. */
class ManPageTest {

    @Test
    void everyCommandAndFlagAndExitCodeIsInTheManual() {
        CliTest.Outcome outcome = CliTest.runUntouched("generate-man-page");
        assertEquals(0, outcome.exit(), outcome.err());
        String roff = outcome.out();
        assertTrue(roff.startsWith(".TH TAOS-HOST 1 "), roff);
        for (String command :
                new String[] {"detect", "plan", "setup", "migrate", "verify", "pool-watch", "bench", "fetch-base-image"
                }) {
            assertTrue(roff.contains("\n.SS " + command.replace("-", "\\-") + "\n"), command);
        }
        for (String flag : new String[] {
            "\\-\\-force\\-stop",
            "\\-\\-stop\\-timeout",
            "\\-\\-dry\\-run",
            "\\-\\-retry",
            "\\-\\-unattended",
            "\\-\\-answers"
        }) {
            assertTrue(roff.contains("\\fB" + flag), flag);
        }
        for (ExitCode exit : ExitCode.values()) {
            assertTrue(roff.contains("\n.B " + exit.code() + "\n"), exit.name());
        }
        assertTrue(!roff.contains("\n.SS generate"), "hidden commands stay out");
    }
}

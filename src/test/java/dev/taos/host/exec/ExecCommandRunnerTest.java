package dev.taos.host.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecCommandRunnerTest {

    private final ExecCommandRunner runner = new ExecCommandRunner();

    @Test
    void capturesExitCodeStdoutAndStderr() {
        var result = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
        assertEquals(3, result.exitCode());
        assertEquals("out\n", result.stdout());
        assertEquals("err", result.tail());
        assertFalse(result.ok());
    }

    @Test
    void argumentsAreNeverInterpretedByAShell() {
        var result = runner.run(List.of("printf", "%s|", "a b", "$(id)", "'q'"), Duration.ofSeconds(10));
        assertEquals("a b|$(id)|'q'|", result.stdout());
    }

    @Test
    void childGetsAnEmptyStdinAndTheCLocale() {
        var result = runner.run(List.of("sh", "-c", "cat; echo \"$LC_ALL\""), Duration.ofSeconds(10));
        assertEquals("C\n", result.stdout());
    }

    @Test
    void timeoutKillsTheChild() {
        var result = runner.run(List.of("sleep", "30"), Duration.ofMillis(300));
        assertTrue(result.timedOut());
        assertEquals(-1, result.exitCode());
    }

    @Test
    void missingProgramIsAResultNotAnException() {
        var result = runner.run(List.of("/nonexistent/program"), Duration.ofSeconds(5));
        assertEquals(-1, result.exitCode());
        assertTrue(result.stderr().startsWith("Failed to run /nonexistent/program"), result.stderr());
    }
}

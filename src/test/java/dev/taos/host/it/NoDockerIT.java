package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a machine where no Docker engine answers, starting a host fails with directions instead of skipping. The check
 * runs in a separate JVM whose mount namespace hides the engine's socket, so this JVM's Docker client is untouched.
 */
class NoDockerIT {

    /** Entry point of the separate JVM: tries to start a host the way every IT does. */
    public static void main(String[] args) {
        new IncusHost().close();
    }

    @Test
    void startingAHostWithoutDockerSaysHowToGetIt(@TempDir Path home) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String hideDocker =
                "mount --bind /dev/null /var/run/docker.sock && exec \"$0\" -cp \"$1\" " + NoDockerIT.class.getName();
        ProcessBuilder builder = new ProcessBuilder(
                        "unshare",
                        "--mount",
                        "--propagation",
                        "private",
                        "sh",
                        "-c",
                        hideDocker,
                        java,
                        System.getProperty("java.class.path"))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        // A fresh HOME: Testcontainers would otherwise reuse the strategy it saved in ~/.testcontainers.properties.
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("DOCKER_HOST");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the JVM without Docker did not finish in 120 s");
        assertNotEquals(0, process.exitValue(), output);
        assertTrue(
                output.contains("Failed to find Docker for the integration tests: no engine answers on this machine. "
                        + "Run ./scripts/test.sh, which installs and starts one"),
                output);
    }
}

package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.utility.MountableFile;

/** install.sh as an operator runs it: with the jar built, it goes straight to taos-host with the given arguments. */
@ExtendWith(NoLeaks.class)
class InstallScriptIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A started systemd host with install.sh and the built jar where a checkout would have them. */
    private static IncusHost hostWithRepository() {
        IncusHost host = new SystemdHost();
        host.withCopyFileToContainer(MountableFile.forHostPath("install.sh", 0755), "/repo/install.sh");
        host.start();
        host.sh("mkdir -p /repo/target && cp " + IncusHost.JAR + " /repo/target/taos-host.jar");
        return host;
    }

    @Test
    void detectJsonDescribesAHostWithAndWithoutIncus() throws Exception {
        try (IncusHost host = hostWithRepository()) {

            JsonNode running = JSON.readTree(host.exec("/repo/install.sh", "detect", "--json").requireSuccess("run install.sh detect --json").stdout());
            assertEquals("RUNNING", running.get("incus").get("status").asText());
            assertTrue(running.get("incus").get("serverVersion").asText().startsWith("6.0."), running.get("incus").toString());
            assertEquals("debian", running.get("host").get("distro").get("id").asText());

            assertTrue(running.get("host").get("systemdPid1").asBoolean());

            host.sh("mv /usr/bin/incus /usr/bin/incus.hidden");
            JsonNode absent = JSON.readTree(host.exec("/repo/install.sh", "detect", "--json").requireSuccess("run install.sh detect --json without Incus").stdout());
            assertEquals("NOT_INSTALLED", absent.get("incus").get("status").asText());

            IncusHost.Result plan = host.exec("/repo/install.sh", "plan");
            assertEquals(0, plan.exitCode(), plan.stderr());
            assertTrue(plan.stdout().contains("Installing Incus and btrfs-progs from Debian bookworm-backports"), plan.stdout());
            host.sh("mv /usr/bin/incus.hidden /usr/bin/incus");
        }
    }

    @Test
    void badInputThroughInstallShExitsTwo() {
        try (IncusHost host = hostWithRepository()) {
            IncusHost.Result result = host.exec("/repo/install.sh", "plan", "--size", "huge");
            assertEquals(2, result.exitCode());
            assertTrue(result.stderr().startsWith("Failed to read --size: \"huge\" is not a size"), result.stderr());
        }
    }
}

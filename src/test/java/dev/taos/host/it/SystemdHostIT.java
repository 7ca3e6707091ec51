package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The systemd host boots like a server: systemd as PID 1, Incus socket-activated from its packaged units. */
@ExtendWith(NoLeaks.class)
class SystemdHostIT {

    @Test
    void bootsWithSystemdAndSocketActivatedIncus() throws Exception {
        try (SystemdHost host = new SystemdHost()) {
            host.start();
            assertEquals("systemd\n", host.sh("cat /proc/1/comm").stdout());
            assertEquals(
                    "enabled\n", host.sh("systemctl is-enabled incus.socket").stdout());
            assertEquals(
                    "active\n", host.sh("systemctl is-active incus.service").stdout());

            JsonNode facts = new ObjectMapper()
                    .readTree(host.taosHost("detect", "--json")
                            .requireSuccess("run detect --json")
                            .stdout());
            assertTrue(
                    facts.get("host").get("systemdPid1").asBoolean(),
                    facts.get("host").toString());
            assertEquals("RUNNING", facts.get("incus").get("status").asText());
        }
    }
}

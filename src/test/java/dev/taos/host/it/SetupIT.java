package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taos.host.JsonSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * setup run as the packaged jar on a dir host: the seed's fix, its idempotence, its lock, its failures and its
 * recovery.
 */
@ExtendWith(NoLeaks.class)
class SetupIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILES = "/etc/taos-host/taos-host.conf /etc/systemd/system/taos-pool-watch.service"
            + " /etc/systemd/system/taos-pool-watch.timer /usr/local/lib/taos-host/taos-host.jar";

    /** An empty dir default pool, and no network: setup makes the pool btrfs and adds incusbr0. */
    private static IncusHost dirHost() {
        IncusHost host = new IncusHost();
        host.start();
        Scenarios.dirEmpty(host);
        return host;
    }

    private static JsonNode pool(IncusHost host) throws Exception {
        return JSON.readTree(host.taosHost("detect", "--json")
                        .requireSuccess("detect")
                        .stdout())
                .get("incus")
                .get("pools")
                .get(0);
    }

    @Test
    void emptyDirPoolBecomesBtrfsAndASecondRunChangesNothing() throws Exception {
        try (IncusHost host = dirHost()) {
            IncusHost.Result first = host.taosHost("setup", "--yes");
            assertEquals(0, first.exitCode(), first.stderr() + first.stdout());
            assertTrue(
                    first.stdout().contains("[1/3] Recreating empty dir pool \"default\" as btrfs pool \"default\""),
                    first.stdout());
            assertTrue(first.stdout().contains("All 8 checks hold (1 with a warning)."), first.stdout());
            JsonNode pool = pool(host);
            assertEquals("btrfs", pool.get("driver").asText());
            assertTrue(pool.get("loopBacked").asBoolean());
            host.sh("test -f /var/lib/incus/disks/default.img");
            assertTrue(
                    first.stdout()
                            .contains("[2/3] Creating bridge incusbr0 and giving the default profile a NIC on it"),
                    first.stdout());
            assertEquals(
                    "incusbr0,bridge,YES\n",
                    host.sh("incus network list -c ntm -f csv | grep incusbr0").stdout());
            assertTrue(host.sh("incus profile device get default eth0 network")
                    .stdout()
                    .startsWith("incusbr0"));
            String before = host.sh(
                            "stat -c '%n %Y %s' " + FILES + "; incus storage show default; incus profile show default")
                    .stdout();

            IncusHost.Result second = host.taosHost("setup", "--yes");
            assertEquals(0, second.exitCode(), second.stderr());
            assertEquals("Nothing to do: the host already launches agents copy-on-write.\n", second.stdout());
            assertEquals(
                    before,
                    host.sh("stat -c '%n %Y %s' " + FILES + "; incus storage show default; incus profile show default")
                            .stdout());

            String verifyJson =
                    host.taosHost("verify", "--json").requireSuccess("verify").stdout();
            assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.named("verify"), verifyJson));
            JsonNode verify = JSON.readTree(verifyJson);
            assertTrue(verify.get("ok").asBoolean(), verify.toString());
        }
    }

    @Test
    void withoutATerminalOrYesNothingIsChanged() throws Exception {
        try (IncusHost host = dirHost()) {
            IncusHost.Result result = host.taosHost("setup");
            assertEquals(2, result.exitCode());
            assertTrue(
                    result.stderr()
                            .startsWith("Failed to start setup: there is no terminal to confirm on. Run with --yes"),
                    result.stderr());
            assertEquals("dir", pool(host).get("driver").asText());
            assertEquals(
                    1, host.exec("test", "-e", "/etc/taos-host/taos-host.conf").exitCode());
        }
    }

    @Test
    void aFailedCreateRestoresTheDirPoolAsItWas() throws Exception {
        try (IncusHost host = dirHost()) {
            String before = host.sh("incus storage show default; incus profile show default")
                    .stdout();
            host.injectIncusFault("storage\\ create\\ default\\ btrfs*", "fail");
            IncusHost.Result result = host.taosHost("setup", "--yes");
            assertEquals(4, result.exitCode(), result.stdout());
            assertTrue(
                    result.stderr().startsWith("Failed to apply step 1 (Recreating empty dir pool \"default\""),
                    result.stderr());
            assertTrue(result.stderr().contains("`incus storage create default btrfs size="), result.stderr());
            assertTrue(result.stderr().contains("Error: injected failure"), result.stderr());
            assertTrue(result.stderr().contains("ok: incus storage create default dir"), result.stderr());
            host.removeIncusFault();
            assertEquals(
                    before,
                    host.sh("incus storage show default; incus profile show default")
                            .stdout());
        }
    }

    @Test
    void aRunKilledMidStepHoldsTheLockUntilItDiesAndIsCompletedByTheNext() throws Exception {
        try (IncusHost host = dirHost()) {
            host.injectIncusFault("storage\\ create\\ default\\ btrfs*", "hang-after");
            host.sh("nohup java -jar " + IncusHost.JAR + " setup --yes >/tmp/first.log 2>&1 &");
            host.awaitFault();

            IncusHost.Result second = host.taosHost("setup", "--yes");
            assertEquals(5, second.exitCode(), second.stdout() + second.stderr());
            assertTrue(
                    second.stderr().startsWith("Failed to start setup: another taos-host run (PID "), second.stderr());

            host.sh("pkill -9 -f '^java -jar .*taos-host.jar setup'; pkill -9 -x sleep; true");
            host.removeIncusFault();
            IncusHost.Result third = host.taosHost("setup", "--yes");
            assertEquals(0, third.exitCode(), third.stderr() + third.stdout());
            assertTrue(
                    third.stdout().contains("was interrupted during step 1 (Recreating empty dir pool"),
                    third.stdout());
            assertEquals("btrfs", pool(host).get("driver").asText());
            host.taosHost("verify").requireSuccess("verify after the completed run");
        }
    }
}

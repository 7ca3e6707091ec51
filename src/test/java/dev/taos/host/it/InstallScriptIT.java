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

    /** A started systemd host with install.sh, the launcher and the built jar where a checkout would have them. */
    private static IncusHost hostWithRepository() {
        IncusHost host = new SystemdHost();
        host.withCopyFileToContainer(MountableFile.forHostPath("install.sh", 0755), "/repo/install.sh");
        host.withCopyFileToContainer(
                MountableFile.forHostPath("src/main/launcher/taos-host", 0755), "/repo/src/main/launcher/taos-host");
        host.start();
        host.sh("mkdir -p /repo/target && cp " + IncusHost.JAR + " /repo/target/taos-host.jar");
        return host;
    }

    @Test
    void detectJsonDescribesAHostWithAndWithoutIncus() throws Exception {
        try (IncusHost host = hostWithRepository()) {

            JsonNode running = JSON.readTree(host.exec("/repo/install.sh", "detect", "--json")
                    .requireSuccess("run install.sh detect --json")
                    .stdout());
            assertEquals("RUNNING", running.get("incus").get("status").asText());
            assertTrue(
                    running.get("incus").get("serverVersion").asText().startsWith("6.0."),
                    running.get("incus").toString());
            assertEquals("debian", running.get("host").get("distro").get("id").asText());

            assertTrue(running.get("host").get("systemdPid1").asBoolean());
            host.sh("test -s /repo/target/taos-host.jar.jsa"); // the class-data archive the launcher made for this jar

            // A stale archive (the jar changed) is made again; neither run lets a JVM warning into the JSON.
            host.sh("touch /repo/target/taos-host.jar");
            JSON.readTree(host.exec("/repo/install.sh", "detect", "--json")
                    .requireSuccess("detect with a stale archive")
                    .stdout());
            host.sh("test /repo/target/taos-host.jar.jsa -nt /repo/target/taos-host.jar");

            host.sh("mv /usr/bin/incus /usr/bin/incus.hidden");
            JsonNode absent = JSON.readTree(host.exec("/repo/install.sh", "detect", "--json")
                    .requireSuccess("run install.sh detect --json without Incus")
                    .stdout());
            assertEquals("NOT_INSTALLED", absent.get("incus").get("status").asText());

            IncusHost.Result plan = host.exec("/repo/install.sh", "plan");
            assertEquals(0, plan.exitCode(), plan.stderr());
            assertTrue(
                    plan.stdout().contains("Installing Incus and btrfs-progs from Debian bookworm-backports"),
                    plan.stdout());
            host.sh("mv /usr/bin/incus.hidden /usr/bin/incus");
        }
    }

    /**
     * The seed's whole path on a host without Incus: install.sh setup --yes installs it from bookworm-backports (the
     * packages come from Debian's archive, as on a real server), then makes the pool, the bridge and the units.
     */
    @Test
    void setupOnAHostWithoutIncusInstallsItAndReachesTheWantedState() throws Exception {
        try (IncusHost host = hostWithRepository()) {
            host.sh("systemctl stop incus.service incus.socket"
                    + " && DEBIAN_FRONTEND=noninteractive apt-get purge -y -q incus incus-base incus-client "
                    + "btrfs-progs dnsmasq-base >/dev/null"
                    + " && DEBIAN_FRONTEND=noninteractive apt-get autoremove -y -q --purge >/dev/null && rm -rf "
                    + "/var/lib/incus"
                    + " && sed -i 's/ bookworm-backports//' /etc/apt/sources.list.d/debian.sources");
            host.sh("test ! -e /usr/bin/incus");
            assertEquals(
                    "NOT_INSTALLED",
                    JSON.readTree(host.exec("/repo/install.sh", "detect", "--json")
                                    .stdout())
                            .get("incus")
                            .get("status")
                            .asText());

            IncusHost.Result setup = host.exec("/repo/install.sh", "setup", "--yes");
            assertEquals(0, setup.exitCode(), setup.stderr() + setup.stdout());
            assertTrue(
                    setup.stdout().contains("[1/6] Installing Incus and btrfs-progs from Debian bookworm-backports"),
                    setup.stdout());
            assertTrue(
                    setup.stdout()
                            .matches("(?s).*\\[1/6] Installing Incus[^\n]*\n      still working: 10 s\n.*      done "
                                    + "after \\d+ s\n\\[2/6] .*"),
                    "apt's minute is not silent (plain lines, since this is no terminal): " + setup.stdout());
            assertTrue(setup.stdout().contains("[4/6] Creating bridge incusbr0"), setup.stdout());
            assertTrue(setup.stdout().contains("All 10 checks hold (1 with a warning)."), setup.stdout());

            assertEquals(
                    "enabled\nactive\n",
                    host.sh("systemctl is-enabled taos-pool-watch.timer; systemctl is-active taos-pool-watch.timer")
                            .stdout());
            assertEquals("active\n", host.sh("systemctl is-active incus.socket").stdout());
            assertTrue(
                    host.sh("dpkg-query -W -f '${Version}' incus").stdout().contains("bpo12"),
                    "Incus comes from bookworm-backports");
            host.sh("test -f /var/lib/incus/disks/default.img");
            assertEquals(
                    "Nothing to do: the host already launches agents copy-on-write.\n",
                    host.exec("/repo/install.sh", "setup", "--yes").stdout());
            host.exec("/repo/install.sh", "verify").requireSuccess("verify after install.sh setup");
        }
    }

    @Test
    void badInputThroughInstallShExitsTwoAndTheFirstRunInstallsTheCommandWithCompletion() {
        try (IncusHost host = hostWithRepository()) {
            IncusHost.Result result = host.exec("/repo/install.sh", "plan", "--size", "huge");
            assertEquals(2, result.exitCode());
            assertTrue(result.stderr().contains("\nFailed to read --size: \"huge\" is not a size"), result.stderr());
            assertTrue(
                    result.stderr()
                            .startsWith("install.sh: installed /usr/local/bin/taos-host\n"
                                    + "install.sh: installed bash completion for taos-host"),
                    result.stderr());
            assertTrue(
                    result.stderr().contains("install.sh: installed the manual page (man taos-host)\n"),
                    result.stderr());
            assertTrue(host.sh("cat /usr/share/man/man1/taos-host.1").stdout().contains(".SS migrate\n"));

            assertEquals("taos-host 0.1.0\n", host.sh("taos-host --version").stdout());
            String completion =
                    "COMP_WORDS=(taos-host setup --dr); COMP_CWORD=2; _complete_taos-host; echo \"${COMPREPLY[@]}\"";
            assertEquals(
                    "--dry-run --driver\n",
                    host.exec(
                                    "bash",
                                    "-c",
                                    ". /usr/share/bash-completion/completions/taos-host 2>/dev/null; " + completion)
                            .stdout());
            IncusHost.Result again = host.exec("/repo/install.sh", "plan", "--size", "huge");
            assertTrue(again.stderr().startsWith("Failed to read --size"), "installed once: " + again.stderr());
        }
    }
}

package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.utility.MountableFile;

/**
 * The Debian package the build makes, on a systemd host with a Java runtime but no JDK or Maven, as an operator uses
 * it: apt installs it, taos-host sets the host up, apt removes it and the host keeps its pool, its agents and what
 * setup wrote; install.sh beside the package installs it again instead of building, without a network.
 */
@ExtendWith(NoLeaks.class)
class DebPackageIT {

    private static final String SETUP_UNIT = "/etc/systemd/system/taos-pool-watch.timer";

    @Test
    void installsSetsUpAndIsRemovedLeavingTheHostAsSetupMadeIt() {
        Path deb = builtPackage();
        String inHost = "/repo/" + deb.getFileName();
        try (IncusHost host = new SystemdHost()) {
            host.withCopyFileToContainer(MountableFile.forHostPath(deb, 0644), inHost);
            host.withCopyFileToContainer(MountableFile.forHostPath("install.sh", 0755), "/repo/install.sh");
            host.start();
            Scenarios.dirWithAgents(host);
            host.sh("! command -v javac && ! command -v mvn && ! command -v taos-host");

            IncusHost.Result installed =
                    host.exec("sh", "-c", "DEBIAN_FRONTEND=noninteractive apt-get install -y -q " + inHost);
            assertEquals(0, installed.exitCode(), installed.stderr() + installed.stdout());
            assertEquals("/usr/bin/taos-host\n", host.sh("command -v taos-host").stdout());
            assertEquals("taos-host 0.1.0\n", host.sh("taos-host --version").stdout());
            assertTrue(host.sh("man -w taos-host 2>/dev/null || ls /usr/share/man/man1/taos-host.1")
                    .stdout()
                    .contains("taos-host.1"));
            assertEquals(
                    "--dry-run --driver\n",
                    host.exec(
                                    "bash",
                                    "-c",
                                    ". /usr/share/bash-completion/completions/taos-host 2>/dev/null;"
                                            + " COMP_WORDS=(taos-host setup --dr); COMP_CWORD=2; _complete_taos-host; "
                                            + "echo \"${COMPREPLY[@]}\"")
                            .stdout());

            Consent consent = Consent.record(host);
            IncusHost.Result setup = host.exec("taos-host", "setup", "--yes");
            assertEquals(0, setup.exitCode(), setup.stderr() + setup.stdout());
            assertTrue(setup.stdout().contains("checks hold"), setup.stdout());
            host.exec("taos-host", "verify").requireSuccess("verify the host the package set up");
            host.sh("test -s /var/cache/taos-host/taos-host.jsa");
            String pool = host.sh("incus profile device get default root pool")
                    .stdout()
                    .strip();
            String storage = host.sh("incus storage list -f csv -c nDs").stdout();
            consent.assertUntouchedExcept();

            IncusHost.Result removed =
                    host.exec("sh", "-c", "DEBIAN_FRONTEND=noninteractive apt-get remove -y -q taos-host");
            assertEquals(0, removed.exitCode(), removed.stderr() + removed.stdout());
            host.sh("! command -v taos-host && test ! -e /usr/share/taos-host && test ! -e /var/cache/taos-host"
                    + " && test ! -e /usr/share/bash-completion/completions/taos-host && test ! -e "
                    + "/usr/share/man/man1/taos-host.1");
            assertEquals(
                    pool,
                    host.sh("incus profile device get default root pool")
                            .stdout()
                            .strip(),
                    "the pool stays the default");
            assertEquals(storage, host.sh("incus storage list -f csv -c nDs").stdout());
            consent.assertUntouchedExcept();
            host.sh("test -f /etc/taos-host/taos-host.conf && test -f " + SETUP_UNIT
                    + " && systemctl is-enabled taos-pool-watch.timer");
            host.sh("systemctl start taos-pool-watch.service");

            // Again through install.sh, on a host without a network: the package's dependencies are all here.
            host.sh("nft add table inet offline && nft add chain inet offline out '{ type filter hook output priority "
                    + "0; policy drop; }'"
                    + " && nft add rule inet offline out oifname lo accept");
            host.sh("! timeout 5 apt-get update -q >/dev/null 2>&1");
            IncusHost.Result again = host.exec("/repo/install.sh", "setup", "--yes");
            host.sh("nft delete table inet offline");
            assertEquals(0, again.exitCode(), again.stderr() + again.stdout());
            assertTrue(again.stderr().contains("install.sh: install " + inHost), again.stderr());
            assertEquals("Nothing to do: the host already launches agents copy-on-write.\n", again.stdout());
            host.sh("! command -v mvn && test ! -e /repo/target");
        }
    }

    private static Path builtPackage() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("taos-host_.*_all\\.deb"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "Failed to find target/taos-host_*_all.deb: run mvn package first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

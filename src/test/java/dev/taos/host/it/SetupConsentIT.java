package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * setup on hosts whose existing instances the operator did not offer: running agents without a NIC and no network (a
 * real case: a host whose agents never had a network), a failure half-way through a step, and flags the host cannot
 * honour. Existing instances keep their expanded devices, state and files in every case.
 */
@ExtendWith(NoLeaks.class)
class SetupConsentIT {

    private static final String JAR = "/usr/local/lib/taos-host/taos-host.jar";

    @Test
    void runningAgentsWithoutANicKeepTheirDevicesWhileTheBridgeIsAdded() {
        try (IncusHost host = new IncusHost()) {
            host.start();
            Scenarios.dirWithAgents(host);
            Consent consent = Consent.record(host);

            IncusHost.Result setup = host.taosHost("setup", "--yes");
            assertEquals(0, setup.exitCode(), setup.stderr() + setup.stdout());
            assertTrue(
                    setup.stdout().contains("existing instances keep their network as it is (mary, naira, stanley)"),
                    setup.stdout());
            assertTrue(host.sh("incus profile device get default eth0 network")
                    .stdout()
                    .startsWith("incusbr0"));
            consent.assertUntouchedExcept();
            assertEquals(
                    "",
                    host.sh("ls -A /var/lib/taos-host /usr/local/lib/taos-host | grep -e taos-backup -e "
                                    + "taos-tmp || true")
                            .stdout());

            IncusHost.Result zfs = host.taosHost("setup", "--yes", "--driver", "zfs");
            assertEquals(3, zfs.exitCode(), zfs.stdout() + zfs.stderr());
            assertTrue(zfs.stderr().contains("the Incus daemon does not support zfs"), zfs.stderr());
            IncusHost.Result size = host.taosHost("setup", "--yes", "--size", "20GiB");
            assertEquals(2, size.exitCode(), size.stdout() + size.stderr());
            assertTrue(size.stderr().contains("so --size 20GiB would not be applied"), size.stderr());
            consent.assertUntouchedExcept();
        }
    }

    /**
     * Incus saves a profile NIC whose hot-plug failed; the undo must remove it before the network it uses, then the
     * pins.
     */
    @Test
    void aBridgeStepThatFailsHalfWayLeavesNothingOfItselfBehind() {
        try (IncusHost host = new IncusHost()) {
            host.start();
            Scenarios.dirWithAgents(host);
            Consent consent = Consent.record(host);
            host.injectIncusFault("profile\\ device\\ add\\ default\\ eth0*", "fail-after");

            IncusHost.Result setup = host.taosHost("setup", "--yes");
            host.removeIncusFault();
            assertEquals(4, setup.exitCode(), setup.stderr() + setup.stdout());
            assertTrue(
                    setup.stderr()
                            .contains("ok: incus profile device remove default eth0\n  ok: incus network delete "
                                    + "incusbr0\n"
                                    + "  ok: incus config device remove stanley eth0"),
                    setup.stderr());
            assertEquals(
                    "",
                    host.sh("incus network list -f csv -c n | grep incusbr0 || true")
                            .stdout());
            assertEquals(
                    "",
                    host.sh("incus profile device list default | grep eth0 || true")
                            .stdout());
            assertEquals(
                    "",
                    host.sh("for i in mary naira stanley; do incus config device list $i | grep eth0; done || true")
                            .stdout());
            consent.assertUntouchedExcept();
        }
    }

    /** The jar is installed like every other file: its undo puts the old one back, or removes a new one. */
    @Test
    void aFailedFilesStepPutsTheJarBackAsItWas() {
        try (IncusHost host = new IncusHost()) {
            host.start();
            Scenarios.dirEmpty(host);
            host.sh("mkdir -p /usr/local/lib/taos-host && echo 'an older taos-host' > " + JAR
                    + " && touch /etc/taos-host");

            IncusHost.Result setup = host.taosHost("setup", "--yes");
            assertEquals(4, setup.exitCode(), setup.stderr() + setup.stdout());
            assertTrue(
                    setup.stderr().contains("Failed to apply step 3 (Installing taos-host.jar, taos-host.conf"),
                    setup.stderr());
            assertEquals("an older taos-host\n", host.sh("cat " + JAR).stdout());
            assertEquals(
                    "",
                    host.sh("ls -A /usr/local/lib/taos-host | grep -v '^taos-host.jar$' || true")
                            .stdout(),
                    "no backup or temporary file is left");

            host.sh("rm " + JAR);
            IncusHost.Result again = host.taosHost("setup", "--yes");
            assertEquals(4, again.exitCode(), again.stderr() + again.stdout());
            assertTrue(
                    again.stderr()
                            .contains(
                                    "write /etc/taos-host/taos-host.conf (mode 0644) failed: /etc/taos-host exists and "
                                            + "is not a directory"),
                    again.stderr());
            assertEquals(
                    1, host.exec("test", "-e", JAR).exitCode(), "a jar that was not there before is removed again");
            host.sh("rm /etc/taos-host");
        }
    }
}

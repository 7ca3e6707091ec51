package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The undos setup prints for the app's door run on a real host: on a fresh systemd host with the app installed and
 * never connected, the change after each one fails, and what the failed step had changed is back as it was, file by
 * file. Then setup, run again, completes.
 */
@ExtendWith(NoLeaks.class)
class SetupUndoIT {

    /** root's subordinate id files, byte for byte, and every file of /etc named after them (locks, temp files). */
    private static String subIds(IncusHost host) {
        return host.sh("cat /etc/subuid /etc/subgid; ls -a /etc | grep -E 'sub[ug]id'")
                .stdout();
    }

    /** Incus's projects and networks. */
    private static String projectsAndNetworks(IncusHost host) {
        return host.sh("incus project list -f csv -c n; incus network list -f csv -c n")
                .stdout();
    }

    @Test
    void eachUndoOfTheAppsDoorWorksWhenTheChangeAfterItFailsAndSetupThenCompletes() {
        try (SystemdHost host = new SystemdHost()) {
            host.start();
            AppHosts.fresh(host);
            String subuid = host.sh("cat /etc/subuid").stdout();

            // The subgid change waits for a lock another program holds (a live process's pid in /etc/subgid.lock):
            // the subuid line added just before it is removed again.
            host.sh("sleep 600 >/dev/null 2>&1 & echo $! > /tmp/holder && printf '%s\\0' $(cat /tmp/holder) >"
                    + " /etc/subgid.lock");
            String beforeMap = subIds(host);
            IncusHost.Result locked = host.taosHost("setup", "--yes");
            assertEquals(4, locked.exitCode(), locked.stdout() + locked.stderr());
            assertTrue(
                    locked.stderr().contains("/etc/subgid.lock is held by process")
                            && locked.stderr().contains("ok: remove root:990:1 from /etc/subuid (under shadow's lock)"),
                    locked.stderr());
            assertEquals(subuid, host.sh("cat /etc/subuid").stdout(), "/etc/subuid byte for byte");
            assertEquals(beforeMap.replace("subgid.lock\n", ""), subIds(host).replace("subgid.lock\n", ""));
            host.sh("kill $(cat /tmp/holder); rm -f /etc/subgid.lock");

            // incus-user makes the app's project at the first connection, whose client then fails: the project and
            // its bridge are deleted again, and incus-user forgets it.
            host.injectIncusFault("--force-local\\ query\\ /1.0", "fail-after");
            String beforeOpen = projectsAndNetworks(host);
            IncusHost.Result failed = host.taosHost("setup", "--yes");
            assertEquals(4, failed.exitCode(), failed.stdout() + failed.stderr());
            assertTrue(failed.stderr().contains("ok: incus project delete " + AppHosts.APP.project()), failed.stderr());
            assertEquals(beforeOpen, projectsAndNetworks(host));
            host.removeIncusFault();

            IncusHost.Result completed = host.taosHost("setup", "--yes");
            assertEquals(0, completed.exitCode(), completed.stdout() + completed.stderr());
            assertTrue(host.sh("incus project list -f csv -c n").stdout().contains(AppHosts.APP.project()));
            assertEquals(subuid + "root:990:1\n", host.sh("cat /etc/subuid").stdout());
            host.taosHost("verify").requireSuccess("verify after setup completed");
        }
    }
}

package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Agents that work while they migrate, as real ones do: files created and deleted all the time, a SQLite database in
 * rollback-journal mode, a log, stores through a shared mapping that move no timestamp, snapshots taken by the app in
 * the middle. Each case migrates its own running agent (with its pre-copy) from the dir pool "legacy" of one shared
 * host; what the migrated agent starts with is compared, with the standard tools, against the stopped original at the
 * instant before its start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoLeaks.class)
class WorkingAgentIT {

    static final String POOL = MigrateIT.POOL;
    private static final String AGENT_WORK = "/opt/test-images/agent-work";

    private IncusHost host;
    private Consent consent;

    @BeforeAll
    void startHost() {
        host = new IncusHost();
        host.start();
        host.taosHost("setup", "--yes").requireSuccess("run setup");
        host.sh("incus storage create legacy dir && incus image import " + IncusHost.BUSYBOX_IMAGE
                + " --alias busybox && incus launch busybox bystander --storage legacy");
        Agents.installFingerprint(host);
    }

    @AfterAll
    void stopHost() {
        host.close();
    }

    /** This case's agent and its kept original: a working agent left running would change under the next case. */
    private String name;

    @AfterEach
    void cleanUp() {
        host.removeIncusFault();
        host.sh("incus delete --force " + name + " " + name + "-pre-migration 2>/dev/null; true");
    }

    /**
     * A running agent of the test's own on the dir pool, whose init starts {@code work} (shell, agent-work on the path)
     * in the background and stops at SIGPWR like agent-init; everything else is recorded first for the consent check.
     */
    private void agent(String name, String work) {
        this.name = name;
        consent = Consent.record(host);
        String init = "#!/bin/sh\nmount -t proc proc /proc\nmkdir -p /srv\n" + work + "\ntrap 'exit 0' TERM PWR\n"
                + "while true; do sleep 3600 & wait $!; done\n";
        host.sh("incus init busybox " + name + " --storage legacy && incus file push " + AGENT_WORK + " " + name
                + "/bin/agent-work");
        host.copyFileToContainer(
                org.testcontainers.images.builder.Transferable.of(init, 0755), "/tmp/" + name + "-init");
        host.sh("incus file push /tmp/" + name + "-init " + name + "/sbin/init && incus start " + name);
    }

    /** Before the migrated agent's start, the fingerprints of its tree and of the stopped original's, to compare. */
    private void fingerprintBeforeTheStart(String name) {
        host.injectIncusFault(
                "start\\ " + name,
                "before:fingerprint /var/lib/incus/storage-pools/legacy/containers/" + name
                        + "-pre-migration/rootfs > /tmp/original.fp && fingerprint /var/lib/incus/storage-pools/" + POOL
                        + "/containers/" + name + "/rootfs > /tmp/migrated.fp");
    }

    private void assertMigratedAsItStopped(String name) {
        String original = host.sh("cat /tmp/original.fp").stdout();
        assertTrue(original.contains("./bin/agent-work"), "the fingerprint was taken: " + original.length());
        assertEquals(original, host.sh("cat /tmp/migrated.fp").stdout(), "every file as the stopped original had it");
        assertEquals(POOL + ",running", Agents.where(host, name));
        consent.assertUntouchedExcept(name);
    }

    /**
     * Temp files coming and going in six directories (a subdirectory too), SQLite writing its -journal at every
     * transaction, a log growing: Incus's own copy of such an agent between pools fails at the first vanished file, so
     * the pre-copy goes through a stage on its pool. It migrates in one try, with its pre-copy, file for file.
     */
    @Test
    void aBusyAgentMigratesWithItsPreCopyInOneTryEveryFileAsItStopped() {
        agent(
                "busy",
                "mkdir -p /srv/db /var/log/agent; agent-work churn /var/tmp/d1 /var/tmp/d2 /var/tmp/d3 /tmp/d4 /srv/d5"
                        + " /srv/d6 & agent-work sqlite /srv/db/notes.db & agent-work log /var/log/agent/agent.log &");
        host.sh("sleep 3");
        fingerprintBeforeTheStart("busy");

        IncusHost.Result migrated = host.taosHost("migrate", "--instances", "busy", "--yes", "--json");
        assertEquals(0, migrated.exitCode(), migrated.stderr() + migrated.stdout());
        assertTrue(
                migrated.stdout()
                        .matches("(?s).*\"step\":\"pre-copy\",[^\\n]*\"state\":\"done\",[^\\n]*entries of both sides"
                                + " read while it ran.*"),
                "the copy was made while it ran: " + migrated.stdout());
        assertMigratedAsItStopped("busy");
        assertEquals(
                "ok",
                host.sh("incus exec busy -- agent-work sqlite-check /srv/db/notes.db")
                        .stdout()
                        .lines()
                        .findFirst()
                        .orElseThrow(),
                "SQLite finds its database whole");
    }

    /**
     * The issue's case: a value stored through a shared mapping before the migration, another through the same mapping
     * as the stop begins, to a page still dirty (so no fault, no new time, unless the page was written back). The
     * migrated agent holds the later value.
     */
    @Test
    void aStoreThroughASharedMappingAsTheStopBeginsReachesTheMigratedAgent() {
        // The migrated agent, started again, has nothing to store: what it holds is what the migration brought.
        agent("mapped", "[ -e /srv/mapped ] || agent-work mmap /srv/mapped AAAAAAAA BBBBBBBB &");
        host.sh("sleep 3");
        host.injectIncusFault("stop\\ mapped\\ *", "before:pkill -USR1 -f 'agent-work mmap' && sleep 1");

        IncusHost.Result migrated = host.taosHost("migrate", "--instances", "mapped", "--yes");
        assertEquals(0, migrated.exitCode(), migrated.stderr() + migrated.stdout());
        assertEquals(
                "BBBBBBBB",
                host.sh("incus exec mapped -- head -c 8 /srv/mapped").stdout());
        assertEquals(
                "BBBBBBBB",
                host.sh("head -c 8 /var/lib/incus/storage-pools/legacy/containers/mapped-pre-migration"
                                + "/rootfs/srv/mapped")
                        .stdout());
        consent.assertUntouchedExcept("mapped");
    }

    /** A writer that stores through its mapping every millisecond until the stop ends it. */
    @Test
    void aWriterStoringThroughAMappingUntilTheStopLosesNoStore() {
        agent("counter", "agent-work mmap-loop /srv/counter &");
        host.sh("sleep 3");
        fingerprintBeforeTheStart("counter");
        IncusHost.Result migrated = host.taosHost("migrate", "--instances", "counter", "--yes");
        assertEquals(0, migrated.exitCode(), migrated.stderr() + migrated.stdout());
        assertMigratedAsItStopped("counter");
    }

    /**
     * The app snapshots its agents before updates and for its archive: a snapshot taken while Incus pre-copies the
     * agent, and one right after, both end on the migrated agent with their contents; prune never deletes the only copy
     * of a snapshot (one taken of the kept original later).
     */
    @Test
    void snapshotsTakenDuringThePreCopyEndOnTheMigratedAgentAndPruneKeepsTheOnlyCopyOfOne() {
        agent("snappy", "agent-work log /var/log/agent.log &");
        host.sh("dd if=/dev/urandom of=/var/lib/incus/storage-pools/legacy/containers/snappy/rootfs/root/data bs=1M"
                + " count=200 2>/dev/null && incus snapshot create snappy before");
        // The pre-copy's incus copy, with the app's snapshots: one while it runs, one the moment it is done.
        host.copyFileToContainer(org.testcontainers.images.builder.Transferable.of("""
                        #!/bin/sh
                        case "$*" in
                          "copy snappy snappy-migrating"*)
                            /usr/bin/incus "$@" </dev/null & copy=$!
                            sleep 0.3 && /usr/bin/incus snapshot create snappy during </dev/null
                            wait $copy; rc=$?
                            /usr/bin/incus snapshot create snappy after </dev/null
                            exit $rc ;;
                        esac
                        exec /usr/bin/incus "$@"
                        """, 0755), "/usr/local/bin/incus");

        IncusHost.Result migrated = host.taosHost("migrate", "--instances", "snappy", "--yes");
        assertEquals(0, migrated.exitCode(), migrated.stderr() + migrated.stdout());
        assertEquals(POOL + ",running", Agents.where(host, "snappy"));
        for (String snapshot : new String[] {"before", "during", "after"}) {
            assertEquals(
                    Agents.snapshotFingerprint(host, "legacy", "snappy-pre-migration", snapshot),
                    Agents.snapshotFingerprint(host, POOL, "snappy", snapshot),
                    snapshot);
        }

        host.sh("incus snapshot create snappy-pre-migration late");
        IncusHost.Result refused = host.taosHost("migrate", "--prune", "snappy", "--yes");
        assertEquals(4, refused.exitCode(), refused.stdout());
        assertTrue(
                (refused.stdout() + refused.stderr())
                        .contains("holds snapshot(s) [late] that \"snappy\" lacks, and pruning would delete the only"
                                + " copy"),
                refused.stderr() + refused.stdout());
        assertEquals("legacy,stopped", Agents.where(host, "snappy-pre-migration"));
        consent.assertUntouchedExcept("snappy");
    }
}

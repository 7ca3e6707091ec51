package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * migrate interrupted at each risky point (kill -9, the Incus daemon dying, a target pool or the state directory
 * filling up), then finished with --resume or undone with --rollback. Every fault is triggered deterministically: by a
 * wrapper around incus or the tests' own HoldAt, never by a sleep. Every case starts and ends with mary (running, 300
 * MB of agent data) on the dir pool, so one host serves them all; naira and stanley are never touched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrateRecoveryIT {

    static final String POOL = MigrateIT.POOL;

    private IncusHost host;
    private String mary;
    private String maryCloudInitId;
    private Consent consent;
    /** The instances a case migrates: the others must be untouched after it. */
    private String[] chosen;

    @BeforeAll
    void startHost() {
        host = new IncusHost();
        host.start();
        Scenarios.agentsAfterSetup(host);
        host.sh("incus exec mary -- dd if=/dev/urandom of=/srv/agent/blob bs=1M count=300 2>/dev/null");
        mary = Agents.fingerprint(host, "legacy", "mary");
        maryCloudInitId = cloudInitId();
    }

    private String cloudInitId() {
        return host.sh("incus config get mary volatile.cloud-init.instance-id")
                .stdout()
                .strip();
    }

    @AfterAll
    void stopHost() {
        host.close();
    }

    @BeforeEach
    void recordTheOthers() {
        consent = Consent.record(host);
        chosen = new String[] {"mary"};
    }

    @AfterEach
    void maryIsBackAndNothingElseChanged() {
        host.removeIncusFault();
        try {
            assertEquals("legacy,running", Agents.where(host, "mary"));
            assertEquals("", Agents.where(host, "mary-pre-migration"));
            assertEquals("", Agents.where(host, "mary-migrating"), "no temporary copy is left");
            assertEquals(mary, Agents.fingerprint(host, "legacy", "mary"));
            assertEquals(maryCloudInitId, cloudInitId(), "her own cloud-init id, whichever renames she went through");
            consent.assertUntouchedExcept(chosen);
        } finally {
            // A case that failed half-way leaves its migration behind: undone here, so it fails alone and the next
            // starts alike.
            host.exec(
                    "sh",
                    "-c",
                    "kill -9 $(cat /tmp/migrate.pid) 2>/dev/null; java -jar " + IncusHost.JAR
                            + " migrate --rollback >/dev/null 2>&1; true");
        }
    }

    /** mary runs, so by default she is copied while running (pre-copy) and only brought up to date after her stop. */
    static Stream<Arguments> kills() {
        String copy = "copy\\ mary\\ mary-migrating*";
        Stream<Arguments> points = Stream.of(
                Arguments.of("in the middle of recording its state", null, "record", ""),
                Arguments.of("while the pre-copy is starting", copy, "hang-before", ""),
                Arguments.of("during the pre-copy", copy, "during", ""),
                Arguments.of("after the pre-copy, before the stop", copy, "hang-after", ""),
                Arguments.of("after the stop, before the delta", "stop\\ mary\\ --timeout*", "hang-after", ""),
                Arguments.of("during a copy after the stop (--no-pre-copy)", copy, "during", " --no-pre-copy"),
                Arguments.of("while the changes since the pre-copy are synced", null, "sync", ""),
                Arguments.of("while it verifies", null, "verify", ""),
                Arguments.of("while its identity is carried over", null, "carry-identity", ""),
                Arguments.of("between the two renames", "rename\\ mary\\ mary-pre-migration", "hang-after", ""),
                Arguments.of("before the start", "rename\\ mary-migrating\\ mary", "hang-after", ""),
                Arguments.of("while it is started again", null, "start", ""));
        return points.flatMap(p -> Stream.of("resume", "rollback")
                .map(r -> Arguments.of(p.get()[0], p.get()[1], p.get()[2], p.get()[3], r)));
    }

    @ParameterizedTest(name = "kill -9 {0}, then --{4}")
    @MethodSource("kills")
    void aKilledMigrationIsRecoverable(String when, String fault, String mode, String flags, String recovery) {
        String migrate = " migrate --instances mary --yes" + flags;
        if (fault == null) {
            host.sh(IncusHost.heldAt(mode, migrate));
            host.awaitHeld();
        } else {
            host.injectIncusFault(fault, mode);
            host.sh("nohup java -jar " + IncusHost.JAR + migrate
                    + " >/tmp/migrate.log 2>&1 & echo $! >/tmp/migrate.pid");
            host.awaitFault();
        }
        host.sh("kill -9 $(cat /tmp/migrate.pid)");
        host.removeIncusFault();
        host.sh("pkill -x sleep; true");

        assertTrue(
                host.taosHost("migrate", "--status").stdout().contains("interrupted"),
                host.sh("cat /tmp/migrate.log").stdout());
        IncusHost.Result plain = host.taosHost("migrate");
        assertTrue(plain.stderr().contains("An interrupted migration of \"mary\" exists"), plain.stderr());
        IncusHost.Result refused = host.taosHost("migrate", "--instances", "naira", "--yes");
        assertEquals(3, refused.exitCode(), refused.stderr());
        recover(recovery);
    }

    /**
     * Finishes or undoes the migration; a finished one is checked on the new pool and then undone, so the next case
     * starts alike.
     */
    private void recover(String recovery) {
        IncusHost.Result recovered = host.taosHost("migrate", "--" + recovery);
        assertEquals(0, recovered.exitCode(), recovered.stderr() + recovered.stdout());
        if (recovery.equals("resume")) {
            assertEquals(POOL + ",running", Agents.where(host, "mary"));
            assertEquals("legacy,stopped", Agents.where(host, "mary-pre-migration"));
            assertEquals(mary, Agents.fingerprint(host, POOL, "mary"));
            assertEquals(maryCloudInitId, cloudInitId(), "the migrated mary holds the original's cloud-init id");
            IncusHost.Result undone = host.taosHost("migrate", "--rollback", "mary", "--yes", "--discard-writes");
            assertEquals(0, undone.exitCode(), undone.stderr() + undone.stdout());
        }
    }

    /**
     * Two lanes under way: mary and stanley migrate side by side, and the run is killed once stanley's pre-copy has
     * begun, with mary somewhere in her own steps. Both are unfinished; --resume finishes both, --rollback undoes both.
     */
    @ParameterizedTest(name = "then --{0}")
    @ValueSource(strings = {"resume", "rollback"})
    void aKillWithTwoLanesUnderWayLeavesBothToResumeOrRollBack(String recovery) {
        chosen = new String[] {"mary", "stanley"};
        String stanley = Agents.fingerprint(host, "legacy", "stanley");
        host.sh(IncusHost.heldAt("stanley:pre-copy", "migrate --instances mary,stanley --parallel 2 --yes"));
        host.awaitHeld();
        host.sh("kill -9 $(cat /tmp/migrate.pid)");
        String status = host.taosHost("migrate", "--status").stdout();
        assertTrue(
                status.matches("(?s).*mary .*(interrupted|next).*")
                        && status.matches("(?s).*stanley .*(interrupted|next).*"),
                status);
        IncusHost.Result recovered = host.taosHost("migrate", "--" + recovery);
        assertEquals(0, recovered.exitCode(), recovered.stderr() + recovered.stdout());
        if (recovery.equals("resume")) {
            assertEquals(POOL + ",running", Agents.where(host, "stanley"));
            assertEquals(stanley, Agents.fingerprint(host, POOL, "stanley"));
            assertEquals(mary, Agents.fingerprint(host, POOL, "mary"));
            IncusHost.Result unsaid = host.taosHost("migrate", "--rollback", "mary", "stanley", "--yes");
            assertEquals(2, unsaid.exitCode(), "a finished migration is undone with --yes only when told its loss");
            assertTrue(
                    unsaid.stderr().contains("rolling it back deletes the copy, with anything mary wrote since")
                            && unsaid.stderr().contains("Add --discard-writes to accept that with --yes"),
                    unsaid.stderr());
            assertEquals(POOL + ",running", Agents.where(host, "mary"), "nothing changed");
            host.taosHost("migrate", "--rollback", "mary", "stanley", "--yes", "--discard-writes")
                    .requireSuccess("roll both back");
        }
        assertEquals("legacy,running", Agents.where(host, "stanley"));
        assertEquals(stanley, Agents.fingerprint(host, "legacy", "stanley"));
        assertEquals("", Agents.where(host, "stanley-pre-migration"));
    }

    /** The daemon crashes in the middle of the copy: nothing can be undone until it is back; then either way works. */
    @ParameterizedTest(name = "then --{0}")
    @ValueSource(strings = {"resume", "rollback"})
    void aDaemonThatDiesDuringTheCopyLeavesAMigrationToResumeOrRollBack(String recovery) {
        // The daemon alone, as in a crash: each container's monitor is an incusd process too, and pkill -x incusd would
        // kill them all.
        host.injectIncusFault(
                "copy\\ mary\\ mary-migrating*",
                "while:for i in $(seq 1 600); do [ -d /var/lib/incus/storage-pools/" + POOL
                        + "/containers/mary-migrating ] && break; sleep 0.05; done; kill -9 $(pgrep -f -x "
                        + "'/usr/libexec/incus/incusd --group root')");
        IncusHost.Result failed = host.taosHost("migrate", "--instances", "mary", "--yes");
        host.removeIncusFault();
        assertEquals(4, failed.exitCode(), failed.stdout() + failed.stderr());
        assertTrue(failed.stderr().contains("rolling back failed: Incus does not answer"), failed.stderr());
        assertTrue(
                failed.stderr().contains("Fix the cause, then run taos-host migrate --resume or --rollback."),
                failed.stderr());

        host.sh("(nohup /usr/libexec/incus/incusd --group root >>/var/log/incusd.log 2>&1 &) && incus admin waitready "
                + "--timeout=60");
        assertTrue(
                host.taosHost("migrate", "--status").stdout().contains("step 2/10 (copy it"),
                host.taosHost("migrate", "--status").stdout());
        recover(recovery);
    }

    /**
     * A target pool that fills up while Incus is copying (something else writes to it once the copy's volume exists):
     * the copy fails, the migration rolls itself back, nothing of it is left on the pool, and there is nothing left to
     * resume or roll back.
     */
    @Test
    void aTargetPoolThatFillsUpDuringTheCopyRollsBackAndLeavesNoVolume() {
        host.sh("incus storage create tiny btrfs size=1GiB");
        host.injectIncusFault(
                "copy\\ mary\\ mary-migrating*",
                "while:for i in $(seq 1 600); do [ -d /var/lib/incus/storage-pools/tiny/containers/"
                        + "mary-migrating ] && break; sleep 0.05; done; dd if=/dev/zero "
                        + "of=/var/lib/incus/storage-pools/tiny/filler bs=1M 2>/dev/null");
        IncusHost.Result failed = host.taosHost("migrate", "--instances", "mary", "--to", "tiny", "--yes");
        host.removeIncusFault();
        assertEquals(4, failed.exitCode(), failed.stdout() + failed.stderr());
        assertTrue(failed.stderr().contains("No space left on device"), failed.stderr());
        assertTrue(failed.stderr().contains("It is back as it was"), failed.stderr());
        assertEquals(
                "",
                host.sh("incus storage volume list tiny -f csv -c tn | grep container || true")
                        .stdout(),
                "no copy is left on the pool");
        assertTrue(host.taosHost("migrate", "--resume")
                .requireSuccess("resume")
                .stdout()
                .contains("Nothing to resume"));
        assertTrue(host.taosHost("migrate", "--rollback")
                .requireSuccess("roll back")
                .stdout()
                .contains("Nothing to roll back"));
        host.sh("rm -f /var/lib/incus/storage-pools/tiny/filler"
                + " && for v in $(incus storage volume list tiny type=image -c n -f csv); do incus storage volume "
                + "delete tiny image/$v; done"
                + " && incus storage delete tiny");
    }

    /**
     * The filesystem under /var/lib/taos-host full: the journal cannot record the copy, so the run stops right there.
     */
    @ParameterizedTest(name = "then --{0}")
    @ValueSource(strings = {"resume", "rollback"})
    void aFullStateDirectoryStopsTheRunWhichResumesOrRollsBackOnceThereIsRoom(String recovery) {
        host.sh("mkdir -p /tmp/state && cp -a /var/lib/taos-host/. /tmp/state/ && mount -t tmpfs -o size=4m tmpfs "
                + "/var/lib/taos-host"
                + " && cp -a /tmp/state/. /var/lib/taos-host/");
        try {
            host.injectIncusFault(
                    "copy\\ mary\\ mary-migrating*",
                    "after:dd if=/dev/zero of=/var/lib/taos-host/filler bs=64k 2>/dev/null");
            IncusHost.Result failed = host.taosHost("migrate", "--instances", "mary", "--yes");
            host.removeIncusFault();
            assertEquals(4, failed.exitCode(), failed.stdout() + failed.stderr());
            assertTrue(
                    failed.stderr()
                            .contains(
                                    "Failed to write the migration journal /var/lib/taos-host/migration.json: No space "
                                            + "left on device"),
                    failed.stderr());
            assertTrue(
                    failed.stderr().contains("The migration stopped there and changed nothing more"), failed.stderr());
            assertEquals(
                    "",
                    host.sh("ls -A /var/lib/taos-host | grep taos-tmp || true").stdout(),
                    "a failed write leaves no temporary file");

            host.sh("rm /var/lib/taos-host/filler");
            recover(recovery);
        } finally {
            host.sh("rm -rf /tmp/state && mkdir /tmp/state && cp -a /var/lib/taos-host/. /tmp/state/ && umount "
                    + "/var/lib/taos-host"
                    + " && cp -a /tmp/state/. /var/lib/taos-host/");
        }
    }
}

package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What real agents have and the first tests' agents did not: names that are not ASCII or not UTF-8, ACLs, file
 * capabilities and hard links, an init that ignores the shutdown signal, and people who start an original or delete a
 * copy in the middle. Each case launches its own agent on the dir pool "legacy" of one shared host, and every other
 * instance is checked untouched afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoLeaks.class)
class MigrateSafetyIT {

    static final String POOL = MigrateIT.POOL;

    private IncusHost host;
    private Consent consent;

    @BeforeAll
    void startHost() {
        host = new IncusHost();
        host.start();
        Scenarios.agentsAfterSetup(host);
    }

    @AfterAll
    void stopHost() {
        host.close();
    }

    @AfterEach
    void cleanUp() {
        host.removeIncusFault();
        host.sh("rm -f /usr/local/bin/rsync");
    }

    /** A running agent of this test's own on the dir pool, and the consent check's record of everything else. */
    private String agent(String name) {
        host.sh("incus launch busybox " + name + " --storage legacy");
        consent = Consent.record(host);
        return name;
    }

    private static String rootfs(String pool, String name) {
        return "/var/lib/incus/storage-pools/" + pool + "/containers/" + name + "/rootfs";
    }

    private IncusHost.Result migrate(String... args) {
        String[] argv = new String[args.length + 4];
        argv[0] = "migrate";
        System.arraycopy(args, 0, argv, 1, args.length);
        argv[args.length + 1] = "--yes";
        argv[args.length + 2] = "--stop-timeout";
        argv[args.length + 3] = "5s";
        return host.taosHost(argv);
    }

    /**
     * systemd runs services in the C locale, where Java cannot decode café; no locale decodes byte 0xff. Both must
     * migrate, with ACLs, capabilities (which ping and similar binaries carry), other extended attributes and hard
     * links.
     */
    @Test
    void oddNamesAclsCapabilitiesXattrsAndHardLinksSurviveUnderEveryLocale() {
        for (String locale : new String[] {"C", "C.UTF-8"}) {
            String name =
                    agent("odd-" + locale.toLowerCase(java.util.Locale.ROOT).replace('.', '-'));
            String root = rootfs("legacy", name);
            host.sh("mkdir -p " + root + "/srv/odd && cd " + root
                    + "/srv/odd && printf x > café && printf y > \"$(printf 'bad\\377')\""
                    + " && printf z > \"$(printf 'new\\nline')\" && echo linked > a && ln a b && setfattr -n user.note "
                    + "-v hi a"
                    + " && setfacl -m u:1234:rw a && setfacl -d -m u:1234:rwx . && setcap cap_net_raw+ep " + root
                    + "/bin/busybox");
            String before = Agents.fingerprint(host, "legacy", name);
            assertTrue(
                    before.contains("security.capability=")
                            && before.contains("system.posix_acl_access=")
                            && before.contains("./srv/odd/b = ./srv/odd/a"),
                    before);

            IncusHost.Result migrated = host.exec(
                    "env", "LC_ALL=" + locale, "java", "-jar", IncusHost.JAR, "migrate", "--instances", name, "--yes");
            assertEquals(0, migrated.exitCode(), locale + ": " + migrated.stderr() + migrated.stdout());
            assertEquals(POOL + ",running", Agents.where(host, name));
            assertEquals(before, Agents.fingerprint(host, POOL, name), locale);
            consent.assertUntouchedExcept(name);
        }
    }

    /** rsync stands in for any copy that drops something: verify must see it, refuse, and put the original back. */
    @Test
    void aCopyThatLostACapabilityIsRefusedAndTheOriginalPutBack() {
        String name = agent("capable");
        host.sh("setcap cap_net_raw+ep " + rootfs("legacy", name) + "/bin/busybox");
        String before = Agents.fingerprint(host, "legacy", name);
        // Only taos-host's own rsync (-aHAX) is changed: Incus runs rsync for its copy too.
        host.sh("printf '#!/bin/sh\\n[ \"$1\" = -aHAX ] || exec /usr/bin/rsync \"$@\"\\n/usr/bin/rsync \"$@\" || exit "
                + "$?\\n"
                + "for last; do :; done\\nsetcap -r \"$last/bin/busybox\"\\n' > /usr/local/bin/rsync && chmod "
                + "755 /usr/local/bin/rsync");

        IncusHost.Result refused = migrate("--instances", name);
        assertEquals(4, refused.exitCode(), refused.stdout() + refused.stderr());
        assertTrue(
                refused.stderr().contains("bin/busybox: extended attribute security.capability missing from the copy"),
                refused.stderr());
        assertEquals("legacy,running", Agents.where(host, name));
        assertEquals("", Agents.where(host, name + "-migrating"));
        assertEquals(before, Agents.fingerprint(host, "legacy", name));
        consent.assertUntouchedExcept(name);
    }

    /**
     * A snapshot is part of what a migration keeps: one whose copy differs from the original's (rsync stands in for any
     * copy that changes a snapshot) is refused by verify, naming the snapshot, and the original is put back.
     */
    @Test
    void aCopyWhoseSnapshotDiffersIsRefusedAndTheOriginalPutBack() {
        String name = agent("history");
        host.exec("incus", "exec", name, "--", "sh", "-c", Scenarios.AGENT_FILES, "sh", name)
                .requireSuccess("write the known files into " + name);
        host.sh("incus snapshot create " + name + " before && incus exec " + name
                + " -- sh -c 'echo after >> /srv/agent/identity.txt'");
        consent = Consent.record(host);
        String before = Agents.fingerprint(host, "legacy", name);
        String snapshot = Agents.snapshotFingerprint(host, "legacy", name, "before");
        // taos-host's own rsync of the snapshot (its destination ends in a snapshot's rootfs): the file is changed
        // after it.
        host.sh("printf '#!/bin/sh\\n/usr/bin/rsync \"$@\" || exit $?\\nfor last; do :; done\\n"
                + "case \"$last\" in */containers-snapshots/*/rootfs/) echo tampered >> "
                + "\"$last/srv/agent/identity.txt\";; esac\\n'"
                + " > /usr/local/bin/rsync && chmod 755 /usr/local/bin/rsync");

        IncusHost.Result refused = migrate("--instances", name);
        assertEquals(4, refused.exitCode(), refused.stdout() + refused.stderr());
        // The tampered file and its hard link differ, each named (in the walk's order the link's name comes first).
        assertTrue(
                refused.stderr().contains("the copy's snapshot before differs from the original's: ")
                        && refused.stderr().contains("srv/agent/identity.txt: content differs"),
                refused.stderr());
        assertEquals("legacy,running", Agents.where(host, name));
        assertEquals("", Agents.where(host, name + "-migrating"));
        assertEquals(before, Agents.fingerprint(host, "legacy", name));
        assertEquals(
                snapshot,
                Agents.snapshotFingerprint(host, "legacy", name, "before"),
                "the original's snapshot as it was");
        consent.assertUntouchedExcept(name);
    }

    /**
     * An init without a handler for SIGPWR never stops cleanly: a bounded wait, a refusal naming --force-stop, then
     * consent.
     */
    @Test
    void aContainerThatIgnoresTheShutdownSignalIsRefusedUntilAForcedStopIsAllowed() {
        String name = agent("stubborn");
        host.sh("printf '#!/bin/sh\\nmount -t proc proc /proc\\nwhile true; do sleep 1; done\\n' > "
                + rootfs("legacy", name) + "/sbin/init" + " && incus restart --force " + name);

        IncusHost.Result refused = migrate("--instances", name);
        assertEquals(4, refused.exitCode(), refused.stdout() + refused.stderr());
        assertTrue(
                refused.stderr()
                        .contains("\"" + name
                                + "\" did not stop within 5 s: its init may ignore the shutdown signal (SIGPWR)."
                                + " It is still running and nothing else was changed. Give --force-stop"),
                refused.stderr());
        assertEquals("legacy,running", Agents.where(host, name));

        IncusHost.Result forced = migrate("--instances", name, "--force-stop");
        assertEquals(0, forced.exitCode(), forced.stdout() + forced.stderr());
        assertEquals(POOL + ",running", Agents.where(host, name));
        consent.assertUntouchedExcept(name);
    }

    /**
     * Someone runs the original after its files were read: the copy would miss those writes, so nothing is swapped. The
     * copy is made after the stop here (--no-pre-copy): after a pre-copy the delta would carry such writes over.
     */
    @Test
    void anOriginalStartedAndStoppedAfterItsCopyIsNotReplacedByTheStaleCopy() {
        String name = agent("restarted");
        host.injectIncusFault(
                "copy\\ " + name + "\\ " + name + "-migrating*",
                "after:incus start " + name + " && incus exec " + name
                        + " -- sh -c 'echo written-meanwhile > /root/late' && incus stop --force " + name);

        IncusHost.Result refused = migrate("--instances", name, "--no-pre-copy");
        assertEquals(4, refused.exitCode(), refused.stdout() + refused.stderr());
        assertTrue(
                refused.stdout()
                        .contains("was started and stopped again by someone else after its stop for the migration"),
                refused.stdout());
        assertEquals("legacy,running", Agents.where(host, name));
        assertEquals("", Agents.where(host, name + "-migrating"));
        assertEquals(
                "written-meanwhile\n",
                host.sh("cat " + rootfs("legacy", name) + "/root/late").stdout());
        consent.assertUntouchedExcept(name);
    }

    /** The copy deleted by someone between verify and the swap: the original must not be renamed away for nothing. */
    @Test
    void aCopyThatVanishesBeforeTheSwapLeavesTheOriginalUnderItsName() {
        String name = agent("vanishing");
        host.injectIncusFault(
                "config\\ set\\ " + name + "\\ boot.autostart=false",
                "after:incus delete --force " + name + "-migrating");

        IncusHost.Result refused = migrate("--instances", name);
        assertEquals(4, refused.exitCode(), refused.stdout() + refused.stderr());
        assertTrue(
                refused.stderr()
                        .contains("the copy \"" + name + "-migrating\" is not on pool \"" + POOL + "\" any more"),
                refused.stderr());
        assertEquals("legacy,running", Agents.where(host, name));
        assertFalse(Agents.instances(host).contains(name + "-pre-migration"));
        assertEquals(
                "",
                host.sh("incus config get " + name + " boot.autostart").stdout().strip(),
                "its autostart is as it was");
        consent.assertUntouchedExcept(name);
    }
}

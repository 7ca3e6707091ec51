package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taos.host.JsonSchemas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** migrate run as the packaged jar on a host where setup made the btrfs pool and the agents are still on dir. */
class MigrateIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The btrfs pool setup makes on a fresh host. */
    static final String POOL = "default";

    @Test
    void movesTheChosenAgentsVerifiedKeepsOriginalsUntilPrunedAndLeavesTheRestAlone() throws Exception {
        try (IncusHost host = new IncusHost()) {
            host.start();
            Scenarios.agentsAfterSetup(host);
            host.sh("incus config set mary volatile.eth0.hwaddr=10:66:6a:aa:bb:01 && incus config set stanley "
                    + "volatile.eth0.hwaddr=10:66:6a:aa:bb:02");
            String mary = Agents.fingerprint(host, "legacy", "mary");
            String stanley = Agents.fingerprint(host, "legacy", "stanley");
            String cloudInitIds = cloudInitIds(host);
            List<String> snapshots = List.of(
                    Agents.snapshotFingerprint(host, "legacy", "stanley", "snap0"),
                    Agents.snapshotFingerprint(host, "legacy", "stanley", "snap1"));
            String naira = Agents.fingerprint(host, "legacy", "naira")
                    + host.sh("incus config show naira").stdout();
            Consent consent = Consent.record(host);

            IncusHost.Result listed = host.taosHost("migrate");
            assertEquals(0, listed.exitCode(), listed.stderr());
            assertTrue(
                    listed.stdout()
                            .contains("Choose with --instances NAME[,NAME...] or --all. Nothing has been changed."),
                    listed.stdout());
            assertEquals("legacy,running", Agents.where(host, "mary"));

            List<String> planned = plannedCommands(host, "mary,stanley");
            host.sh("printf '#!/bin/sh\\n[ \"$1\" = query ] || echo \"incus $*\" >> /tmp/ran.log\\nexec /usr/bin/incus "
                    + "\"$@\"\\n' > /usr/local/bin/incus"
                    + " && printf '#!/bin/sh\\n[ \"$1\" != -aHAX ] || echo \"rsync $*\" >> /tmp/ran.log\\nexec "
                    + "/usr/bin/rsync \"$@\"\\n' > /usr/local/bin/rsync"
                    // Incus runs btrfs too (it makes snapshots read-only): only taos-host's own calls, from
                    // java, are logged.
                    + " && printf '#!/bin/sh\\n[ \"$(cat /proc/$PPID/comm)\" != java ] || echo \"btrfs $*\" >> "
                    + "/tmp/ran.log\\nexec /usr/bin/btrfs \"$@\"\\n'"
                    + " > /usr/local/bin/btrfs"
                    + " && chmod 755 /usr/local/bin/incus /usr/local/bin/rsync /usr/local/bin/btrfs");
            IncusHost.Result migrated =
                    host.taosHost("migrate", "--instances", "mary,stanley", "--parallel", "2", "--yes");
            List<String> ran = host.sh("cat /tmp/ran.log; rm -f /tmp/ran.log /usr/local/bin/incus /usr/local/bin/rsync "
                            + "/usr/local/bin/btrfs")
                    .stdout()
                    .lines()
                    .toList();
            assertEquals(0, migrated.exitCode(), migrated.stderr() + migrated.stdout());
            for (String name : List.of("mary", "stanley")) {
                assertEquals(
                        naming(planned, name),
                        naming(ran, name),
                        "plan --migrate shows exactly the commands migrate runs for " + name);
            }
            assertEquals(planned.size(), ran.size(), String.join("\n", ran));
            assertTrue(
                    ran.indexOf(naming(ran, "stanley").get(0))
                            < ran.indexOf(
                                    naming(ran, "mary").get(naming(ran, "mary").size() - 1)),
                    "two lanes: stanley's migration began before mary's ended\n" + String.join("\n", ran));
            assertEquals(POOL + ",running", Agents.where(host, "mary"));
            assertEquals(POOL + ",running", Agents.where(host, "stanley"));
            assertEquals(mary, Agents.fingerprint(host, POOL, "mary"));
            assertEquals(stanley, Agents.fingerprint(host, POOL, "stanley"));
            assertEquals(
                    "snap0\nsnap1",
                    host.sh("incus snapshot list stanley -f csv -c n").stdout().strip());
            assertEquals(
                    snapshots,
                    List.of(
                            Agents.snapshotFingerprint(host, POOL, "stanley", "snap0"),
                            Agents.snapshotFingerprint(host, POOL, "stanley", "snap1")),
                    "every file of each snapshot as it was, hard links among them");
            assertEquals(
                    "ro=true\nro=true\n",
                    host.sh("for s in snap0 snap1; do btrfs property get -ts /var/lib/incus/storage-pools/" + POOL
                                    + "/containers-snapshots/stanley/$s ro; done")
                            .stdout(),
                    "the snapshots are read-only again");
            assertEquals(
                    "10:66:6a:aa:bb:01",
                    host.sh("incus config get mary volatile.eth0.hwaddr")
                            .stdout()
                            .strip());
            assertEquals(
                    "10:66:6a:aa:bb:02",
                    host.sh("incus config get stanley volatile.eth0.hwaddr")
                            .stdout()
                            .strip());
            assertEquals(
                    cloudInitIds,
                    cloudInitIds(host),
                    "each keeps its cloud-init id through its renames (Incus renews it at each)");
            assertEquals("legacy,stopped", Agents.where(host, "mary-pre-migration"));
            assertEquals(
                    "false",
                    host.sh("incus config get mary-pre-migration boot.autostart")
                            .stdout()
                            .strip());
            assertEquals(
                    "legacy/stanley-data",
                    host.sh("incus config device get stanley stanley-data pool")
                                    .stdout()
                                    .strip() + "/"
                            + host.sh("incus config device get stanley stanley-data source")
                                    .stdout()
                                    .strip());
            assertEquals(
                    naira,
                    Agents.fingerprint(host, "legacy", "naira")
                            + host.sh("incus config show naira").stdout());
            assertEquals("legacy,stopped", Agents.where(host, "naira"));
            assertEquals(0, host.taosHost("verify").exitCode());

            IncusHost.Result pruned = host.taosHost("migrate", "--prune", "--yes");
            assertEquals(0, pruned.exitCode(), pruned.stderr());
            assertEquals("", Agents.where(host, "mary-pre-migration"));
            assertEquals("", Agents.where(host, "stanley-pre-migration"));
            assertEquals(POOL + ",running", Agents.where(host, "mary"));
            assertEquals("legacy,stopped", Agents.where(host, "naira"));
            assertTrue(host.taosHost("migrate", "--status").stdout().contains("migrated; original pruned"));
            consent.assertUntouchedExcept("mary", "stanley");
            assertEquals(
                    "",
                    host.sh("ls /var/lib/taos-host | grep taos-backup || true").stdout(),
                    "journals leave no backups behind");
        }
    }

    static String cloudInitIds(IncusHost host) {
        return host.sh("for i in mary stanley; do incus config get $i volatile.cloud-init.instance-id; done")
                .stdout();
    }

    /** The commands naming this instance, in their order. */
    private static List<String> naming(List<String> commands, String instance) {
        return commands.stream().filter(c -> c.contains(instance)).toList();
    }

    /** The commands plan --migrate shows for these instances, in order (its own checks left out). */
    private static List<String> plannedCommands(IncusHost host, String instances) throws Exception {
        JsonNode plan = JSON.readTree(host.taosHost("plan", "--migrate", instances, "--json")
                .requireSuccess("plan --migrate")
                .stdout());
        List<String> commands = new ArrayList<>();
        for (JsonNode step : plan.get("steps")) {
            if (step.get("kind").asText().equals("MIGRATE_INSTANCE")) {
                step.get("actions").forEach(action -> {
                    if (action.get("type").asText().equals("run")) {
                        List<String> argv = new ArrayList<>();
                        action.get("argv").forEach(a -> argv.add(a.asText()));
                        commands.add(String.join(" ", argv));
                    }
                });
            }
        }
        return commands;
    }

    @Test
    void refusesATargetTooSmallRollsBackAnOriginalSomeoneStartsStartsNoFurtherOneAndKeepsEveryWriteOfARunningAgent() {
        try (IncusHost host = new IncusHost()) {
            host.start();
            Scenarios.agentsAfterSetup(host);
            host.sh("incus storage create tiny btrfs size=300MiB && incus exec stanley -- dd if=/dev/zero "
                    + "of=/srv/agent/big bs=1M count=200");
            String before = Agents.instances(host);
            Consent consent = Consent.record(host);
            IncusHost.Result refused = host.taosHost("migrate", "--instances", "stanley", "--to", "tiny", "--yes");
            assertEquals(3, refused.exitCode(), refused.stderr());
            assertTrue(
                    refused.stderr().startsWith("Failed to plan the migration: the selected instances need 2"),
                    refused.stderr());
            assertTrue(refused.stderr().contains("but pool \"tiny\" has"), refused.stderr());
            assertEquals(before, Agents.instances(host));

            String mary = Agents.fingerprint(host, "legacy", "mary");
            host.sh("incus stop mary");
            host.injectIncusFault("copy\\ mary\\ mary-migrating*", "after:incus start mary");
            // Two lanes: stanley (slower, 200 MB more and a pre-copy) is under way beside mary when she fails; naira
            // waits for a lane.
            IncusHost.Result interfered =
                    host.taosHost("migrate", "--instances", "mary,stanley,naira", "--parallel", "2", "--yes");
            host.removeIncusFault();
            assertEquals(4, interfered.exitCode(), interfered.stderr() + interfered.stdout());
            assertEquals(
                    POOL + ",running",
                    Agents.where(host, "stanley"),
                    "stanley, already under way beside her, finished his own migration");
            assertEquals("legacy,stopped", Agents.where(host, "naira"), "no further instance starts once one failed");
            assertTrue(
                    host.taosHost("migrate", "--status")
                            .stdout()
                            .contains("not started: an earlier instance's migration failed"),
                    host.taosHost("migrate", "--status").stdout());
            assertTrue(
                    interfered.stdout().contains("\"mary\" was started by someone else during its migration"),
                    interfered.stdout());
            assertTrue(interfered.stderr().contains("It is back as it was"), interfered.stderr());
            assertEquals("legacy,running", Agents.where(host, "mary"));
            assertEquals("", Agents.where(host, "mary-migrating"));
            assertEquals("", Agents.where(host, "mary-pre-migration"));
            assertTrue(host.taosHost("migrate", "--status")
                    .stdout()
                    .contains("rolled back: step 5 (bring the copy up to date"));
            assertEquals(
                    mary.lines().filter(l -> l.contains("srv/agent")).toList(),
                    Agents.fingerprint(host, "legacy", "mary")
                            .lines()
                            .filter(l -> l.contains("srv/agent"))
                            .toList());
            consent.assertUntouchedExcept("mary", "stanley");

            keepsEveryWriteOfAnAgentWritingThroughItsPreCopy(host);
        }
    }

    /**
     * mary rewrites a counter file (in place, mostly at the same size) a hundred times a second while she is copied;
     * the writer dies with her stop. During the pre-copy she runs and counts on (Incus would freeze her for a plain
     * copy); the migrated mary holds the last value written before the stop: the original's.
     */
    private static void keepsEveryWriteOfAnAgentWritingThroughItsPreCopy(IncusHost host) {
        host.sh("incus exec mary -- dd if=/dev/urandom of=/srv/agent/bulk bs=1M count=200 2>/dev/null"
                + " && incus exec mary -- sh -c 'setsid sh -c \"i=0; while :; do i=\\$((i+1)); echo \\$i > "
                + "/srv/counter; sleep 0.01; done\""
                + " </dev/null >/dev/null 2>&1 &'");
        String counter = "/var/lib/incus/storage-pools/legacy/containers/mary/rootfs/srv/counter";
        host.sh("for i in $(seq 1 100); do [ -s " + counter + " ] && exit 0; sleep 0.1; done; exit 1");
        long before = Long.parseLong(host.sh("v=; while [ -z \"$v\" ]; do v=$(cat " + counter + "); done; echo $v")
                .stdout()
                .strip());
        // The file is empty for an instant at each rewrite: read until it is not.
        String read = "$(v=; while [ -z \"$v\" ]; do v=$(cat " + counter + "); done; echo $v)";
        host.injectIncusFault(
                "copy\\ mary\\ mary-migrating*",
                "while:for i in $(seq 1 600); do [ -d /var/lib/incus/storage-pools/" + POOL
                        + "/containers/mary-migrating ] && break; sleep 0.05; done; /usr/bin/incus list -f csv -c s "
                        + "'^mary$' > /tmp/status-during-copy;"
                        + " c1=" + read + "; sleep 0.3; echo \"$c1 " + read + "\" > /tmp/counter-during-copy");

        IncusHost.Result migrated = host.taosHost("migrate", "--instances", "mary", "--yes", "--json");
        host.removeIncusFault();
        assertEquals(0, migrated.exitCode(), migrated.stderr() + migrated.stdout());
        assertEquals(List.of(), JsonSchemas.streamProblems(JsonSchemas.named("migrate-events"), migrated.stdout()));
        assertEquals(
                "RUNNING",
                host.sh("cat /tmp/status-during-copy").stdout().strip(),
                "mary is not frozen while she is copied");
        String[] during =
                host.sh("cat /tmp/counter-during-copy").stdout().strip().split(" ");
        assertTrue(
                Long.parseLong(during[1]) > Long.parseLong(during[0]),
                "mary counts on during her copy: " + String.join(" then ", during));
        assertTrue(migrated.stdout().contains("\"step\":\"pre-copy\""), migrated.stdout());
        List<JsonNode> copied = migrated.stdout()
                .lines()
                .map(MigrateIT::json)
                .filter(e -> e.path("event").asText().equals("progress")
                        && e.path("what").asText().equals("copy"))
                .toList();
        assertTrue(
                copied.size() >= 2
                        && copied.get(0).path("done").asLong()
                                < copied.get(0).path("total").asLong(),
                "the copy reports bytes on the target while it runs: " + copied);
        for (int i = 1; i < copied.size(); i++) {
            assertTrue(
                    copied.get(i).path("done").asLong()
                            >= copied.get(i - 1).path("done").asLong(),
                    copied.toString());
        }
        JsonNode finished = copied.get(copied.size() - 1);
        assertEquals(
                finished.path("total").asLong(), finished.path("done").asLong(), "the finished copy says all of it");
        assertTrue(finished.path("total").asLong() > 200L << 20, finished.toString());
        assertEquals(POOL + ",running", Agents.where(host, "mary"));
        String last = host.sh(
                        "cat /var/lib/incus/storage-pools/legacy/containers/mary-pre-migration/rootfs/srv/counter")
                .stdout()
                .strip();
        assertEquals(
                last,
                host.sh("cat /var/lib/incus/storage-pools/" + POOL + "/containers/mary/rootfs/srv/counter")
                        .stdout()
                        .strip());
        // A stop can kill the writer between its truncate and its write: then both sides hold the same empty file.
        assertTrue(
                last.isEmpty() || Long.parseLong(last) > before,
                "the writer ran during the pre-copy: " + before + " then " + last);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Failed to read an event of migrate --json: " + line, e);
        }
    }
}

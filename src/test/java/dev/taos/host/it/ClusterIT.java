package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taos.host.core.ByteSize;
import dev.taos.host.probe.FixtureCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * taos-host run on member 1 of a real three-member Incus cluster whose dir pool holds an instance on each of members 2
 * and 3: detect lists the members; setup refuses with a member down and changes nothing, then makes the pool on every
 * member; an instance migrates on its own member only. One cluster serves every case. It also captures the
 * {@code cluster} fixture.
 */
@ExtendWith(NoLeaks.class)
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/cluster");

    @Test
    void detectsSetsUpAndMigratesMemberByMemberAndRefusesWithAMemberDown() throws Exception {
        try (IncusCluster cluster = new IncusCluster(3)) {
            cluster.start();
            cluster.dirPoolWithInstances("legacy", null, "two", "three");
            IncusHost first = cluster.member(1);
            capturesTheFixture(first);

            JsonNode detected = JSON.readTree(
                    first.taosHost("detect", "--json").requireSuccess("detect").stdout());
            JsonNode facts = detected.path("incus").path("cluster");
            assertEquals("m1", facts.path("thisMember").asText());
            assertEquals("[m1 Online, m2 Online, m3 Online]", members(facts));
            assertEquals(
                    "three@m3 two@m2",
                    detected.path("incus").path("instances").findValuesAsText("name").stream()
                            .sorted()
                            .map(name -> name + "@" + location(detected, name))
                            .reduce((a, b) -> a + " " + b)
                            .orElse(""));
            for (JsonNode member : facts.path("members")) {
                assertEquals("", member.path("unreadable").asText(), member.toString());
                assertTrue(member.path("supportedDrivers").toString().contains("\"btrfs\""), member.toString());
                JsonNode legacy = member.path("pools").get(0);
                assertEquals(
                        "legacy Created /var/lib/incus/storage-pools/legacy",
                        legacy.path("name").asText() + " "
                                + legacy.path("status").asText() + " "
                                + legacy.path("source").asText(),
                        member.toString());
                assertTrue(
                        legacy.path("totalBytes").asLong()
                                > legacy.path("usedBytes").asLong(),
                        member.toString());
            }
            String shown = first.taosHost("detect").requireSuccess("detect").stdout();
            assertTrue(shown.contains("m1 (this one)") && shown.contains("m3"), shown);

            cluster.stopDaemon(3);
            JsonNode down = JSON.readTree(first.taosHost("detect", "--json")
                    .requireSuccess("detect with a member down")
                    .stdout());
            assertEquals(
                    "[m1 Online, m2 Online, m3 Offline]",
                    members(down.path("incus").path("cluster")));
            assertTrue(
                    down.path("unreadable").toString().contains("cluster member \\\"m3\\\" (it is offline"),
                    down.path("unreadable").toString());
            String withoutThree = state(cluster, 2, "storage-pools disks");
            for (String[] argv : new String[][] {{"setup", "--yes"}, {"plan"}, {"--unattended", "--yes"}}) {
                IncusHost.Result refused = first.taosHost(argv);
                assertEquals(
                        3, refused.exitCode(), String.join(" ", argv) + ": " + refused.stderr() + refused.stdout());
                assertTrue(
                        refused.stderr()
                                .contains("the pool is made on every member of the cluster, and member \"m3\" (it is "
                                        + "offline"),
                        refused.stderr());
            }
            assertEquals(
                    withoutThree,
                    state(cluster, 2, "storage-pools disks"),
                    "nothing changed on the members that answer");
            cluster.startDaemon(3);

            setsUpEveryMemberFromTheFirst(cluster);
            migratesAnInstanceOnItsOwnMemberOnly(cluster);
        }
    }

    /**
     * three, on m3, is refused from m1 (its files are on m3's disk) with nothing changed; on m3 a migration killed
     * while it verifies is rolled back there, then migrated there: verified, running on the new pool, still on m3,
     * every file kept.
     */
    private static void migratesAnInstanceOnItsOwnMemberOnly(IncusCluster cluster) {
        IncusHost first = cluster.member(1);
        IncusHost third = cluster.member(3);
        first.sh("incus exec three -- sh -c 'mkdir -p /srv/agent && echo memory > \"/srv/agent/odd name é\" && ln "
                + "\"/srv/agent/odd name é\" /srv/agent/link'");
        third.sh("setfattr -n user.agent -v kept "
                + "/var/lib/incus/storage-pools/legacy/containers/three/rootfs/srv/agent/link");
        String three = Agents.fingerprint(third, "legacy", "three");
        String pool =
                first.sh("incus profile device get default root pool").stdout().strip();

        String before = state(cluster, 3, "storage-pools/legacy");
        IncusHost.Result elsewhere = first.taosHost("migrate", "--instances", "three", "--yes");
        assertEquals(2, elsewhere.exitCode(), elsewhere.stderr() + elsewhere.stdout());
        assertTrue(
                elsewhere
                                .stderr()
                                .contains("\"three\" is on cluster member \"m3\", and taos-host migrates the instances "
                                        + "of the member it runs on"
                                        + " (\"m1\")")
                        && elsewhere.stderr().contains("run it on m3: taos-host migrate --instances three"),
                elsewhere.stderr());
        String listed = first.taosHost("migrate")
                .requireSuccess("list the candidates on m1")
                .stdout();
        assertTrue(listed.contains("run taos-host migrate there for two (on m2), three (on m3)."), listed);
        assertEquals(before, state(cluster, 3, "storage-pools/legacy"), "nothing changed on any member");

        third.sh(IncusHost.heldAt("verify", "migrate --instances three --yes"));
        third.awaitHeld();
        third.sh("kill -9 $(cat /tmp/migrate.pid)");
        assertTrue(
                third.taosHost("migrate", "--status").stdout().contains("interrupted"),
                third.sh("cat /tmp/migrate.log").stdout());
        assertTrue(
                first.taosHost("migrate", "--status").stdout().contains("No migrations"),
                "the journal is the member's own");
        IncusHost.Result undone = third.taosHost("migrate", "--rollback");
        assertEquals(0, undone.exitCode(), undone.stderr() + undone.stdout());
        assertEquals(
                "three,legacy,running,m3",
                first.sh("incus list -f csv -c nbsL '^three'").stdout().strip().toLowerCase(java.util.Locale.ROOT));
        assertEquals(three, Agents.fingerprint(third, "legacy", "three"));

        IncusHost.Result migrated = third.taosHost("migrate", "--instances", "three", "--yes");
        assertEquals(0, migrated.exitCode(), migrated.stderr() + migrated.stdout());
        assertEquals(
                "three," + pool + ",running,m3\nthree-pre-migration,legacy,stopped,m3",
                first.sh("incus list -f csv -c nbsL '^three'").stdout().strip().toLowerCase(java.util.Locale.ROOT));
        assertEquals(three, Agents.fingerprint(third, pool, "three"), "every file, link and attribute as it was");
        third.sh("btrfs subvolume show /var/lib/incus/storage-pools/" + pool + "/containers/three >/dev/null");
        assertEquals(
                "two,legacy,running,m2",
                first.sh("incus list -f csv -c nbsL '^two$'").stdout().strip().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * setup on m1 makes the pool on all three, each member's launch is copy-on-write, two and three are as they were;
     * setup on m2 then does its own part only.
     */
    private static void setsUpEveryMemberFromTheFirst(IncusCluster cluster) {
        IncusHost first = cluster.member(1);
        String agents = agents(cluster);
        IncusHost.Result setup = first.taosHost("setup", "--yes");
        assertEquals(0, setup.exitCode(), setup.stderr() + setup.stdout());
        assertTrue(setup.stdout().contains("Run taos-host setup on m2, m3 as well"), setup.stdout());
        String pool =
                first.sh("incus profile device get default root pool").stdout().strip();
        assertEquals(
                pool + ",btrfs,CREATED",
                first.sh("incus storage list -f csv -c n,D,s | grep '^" + pool + ",'")
                        .stdout()
                        .strip());
        // The launches check where the root lands on each member; they need no NIC (the cluster's bridges are not under
        // test).
        first.sh("incus profile device remove default eth0");
        for (int n = 1; n <= 3; n++) {
            assertTrue(
                    first.sh("incus storage get " + pool + " source --target m" + n)
                            .stdout()
                            .strip()
                            .endsWith(".img"),
                    "a loop file on m" + n);
            first.sh("incus launch busybox launched-" + n + " --target m" + n);
            cluster.member(n)
                    .sh("btrfs subvolume show /var/lib/incus/storage-pools/" + pool + "/containers/launched-" + n
                            + " >/dev/null");
            assertEquals(
                    "m" + n,
                    first.sh("incus list launched-" + n + " -f csv -c L")
                            .stdout()
                            .strip());
        }
        assertEquals(agents, agents(cluster), "two and three are as they were, and where they were");
        String sizes = "for m in m1 m2 m3; do incus storage get " + pool + " size --target $m; done";
        List<String> before = first.sh(sizes).stdout().lines().toList();
        IncusHost.Result watched = first.exec(
                "sh",
                "-c",
                "TAOS_POOL_WARN_PERCENT=0 TAOS_POOL_AUTOGROW=1 TAOS_POOL_GROW_STEP=1GiB java -jar " + IncusHost.JAR
                        + " pool-watch");
        assertEquals(0, watched.exitCode(), watched.stderr() + watched.stdout());
        assertTrue(watched.stderr().startsWith("member m1: pool \"" + pool + "\" is 0% full"), watched.stderr());
        List<String> after = first.sh(sizes).stdout().lines().toList();
        assertEquals(before.subList(1, 3), after.subList(1, 3), "only this member's loop file grows");
        assertEquals(
                ByteSize.parse(before.get(0)).bytes() + (1L << 30),
                ByteSize.parse(after.get(0)).bytes(),
                before + " then " + after);
        IncusHost.Result second = cluster.member(2).taosHost("setup", "--yes");
        assertEquals(0, second.exitCode(), second.stderr() + second.stdout());
        assertTrue(second.stdout().contains("already"), second.stdout());
        assertEquals(
                pool,
                cluster.member(2)
                        .sh("incus profile device get default root pool")
                        .stdout()
                        .strip());
    }

    private static String location(JsonNode detected, String instance) {
        for (JsonNode i : detected.path("incus").path("instances")) {
            if (i.path("name").asText().equals(instance)) {
                return i.path("location").asText();
            }
        }
        return "(none)";
    }

    private static String members(JsonNode cluster) {
        StringBuilder out = new StringBuilder();
        cluster.path("members")
                .forEach(m -> out.append(out.length() == 0 ? "" : ", ")
                        .append(m.path("name").asText())
                        .append(' ')
                        .append(m.path("status").asText()));
        return "[" + out + "]";
    }

    /**
     * What the cluster holds as member 1 reads it (instances by their expanded config and devices, profiles, pools),
     * and the trees {@code under} /var/lib/incus (every name, owner, mode, size, time and file hash) on the first
     * {@code members}.
     */
    private static String state(IncusCluster cluster, int members, String under) {
        IncusHost first = cluster.member(1);
        StringBuilder out =
                new StringBuilder(first.sh("incus storage list -f csv").stdout());
        for (String query : new String[] {
            "/1.0/instances?recursion=1", "/1.0/profiles?recursion=1", "/1.0/storage-pools?recursion=1"
        }) {
            out.append(sorted(first.sh("incus query '" + query + "'").stdout())).append('\n');
        }
        for (int n = 1; n <= members; n++) {
            out.append(cluster.member(n)
                    .sh("cd /var/lib/incus && find " + under
                            + " -printf '%p|%y|%m|%U|%G|%s|%T@|%l\\n' 2>/dev/null | sort;" + " find " + under
                            + " -type f -print0 2>/dev/null | sort -z | xargs -0 -r sha256sum; true")
                    .stdout());
        }
        return out.toString();
    }

    /**
     * The agents that existed before setup, two and three, as the operator sees them: status, member, expanded config
     * and devices (setup pins a root device of their own that keeps them where they are), and every file on every
     * member.
     */
    private static String agents(IncusCluster cluster) {
        StringBuilder out = new StringBuilder();
        try {
            for (JsonNode i : JSON.readTree(cluster.member(1)
                    .sh("incus query '/1.0/instances?recursion=1'")
                    .stdout())) {
                if (List.of("two", "three").contains(i.path("name").asText())) {
                    out.append(i.path("name").asText())
                            .append(' ')
                            .append(i.path("status").asText())
                            .append(' ')
                            .append(i.path("location").asText())
                            .append(sorted(i.path("expanded_config").toString()))
                            .append(sorted(withoutNone(i.path("expanded_devices"))))
                            .append('\n');
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Failed to read the instances: " + e.getMessage(), e);
        }
        for (int n = 1; n <= 3; n++) {
            // Their root filesystems (Incus rewrites its own backup.yaml beside them when their config changes).
            out.append(cluster.member(n)
                    .sh("cd /var/lib/incus && find storage-pools/legacy -path '*/rootfs*' -printf "
                            + "'%p|%y|%m|%U|%G|%s|%T@|%l\\n' | sort;"
                            + " find storage-pools/legacy -path '*/rootfs*' -type f -print0 | sort -z | xargs "
                            + "-0 -r sha256sum")
                    .stdout());
        }
        return out.toString();
    }

    /**
     * A local {@code none} device counts as no device: it is how setup keeps the profile's new NIC from reaching an
     * instance (as Consent).
     */
    private static String withoutNone(JsonNode devices) {
        ObjectNode kept = JSON.createObjectNode();
        devices.fields().forEachRemaining(d -> {
            if (!d.getValue().path("type").asText().equals("none")) {
                kept.set(d.getKey(), d.getValue());
            }
        });
        return kept.toString();
    }

    /**
     * An answer with every array sorted (the cluster lists members and instances in no fixed order), less Incus's own
     * runtime flag.
     */
    private static String sorted(String answer) {
        try {
            return JSON.writeValueAsString(JSON.treeToValue(sortArrays(JSON.readTree(answer)), Object.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Failed to read an Incus answer: " + e.getMessage(), e);
        }
    }

    private static JsonNode sortArrays(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("volatile.last_state.ready")) {
                    copy.set(f.getKey(), sortArrays(f.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            java.util.List<JsonNode> elements = new java.util.ArrayList<>();
            node.forEach(e -> elements.add(sortArrays(e)));
            elements.sort(java.util.Comparator.comparing(JsonNode::toString));
            return JSON.createArrayNode().addAll(elements);
        }
        return node;
    }

    /**
     * Like FixturesIT for the single-host fixtures: compares with the committed capture, or rewrites it with
     * -Dtaos.fixtures=write.
     */
    private static void capturesTheFixture(IncusHost first) throws Exception {
        first.taosHost("detect", "--capture", "/tmp/capture").requireSuccess("capture the cluster fixture");
        JsonNode api = JSON.readTree(first.sh("cat /tmp/capture/incus-api.json").stdout());
        JsonNode host = JSON.readTree(first.sh("cat /tmp/capture/host.json").stdout());
        if ("write".equals(System.getProperty("taos.fixtures"))) {
            Files.createDirectories(FIXTURE);
            Files.writeString(
                    FIXTURE.resolve("incus-api.json"),
                    JSON.writeValueAsString(JSON.treeToValue(api, Object.class)) + "\n");
            ObjectNode recorded = (ObjectNode) JSON.readTree(
                    FIXTURE.getParent().resolve("dir-with-agents/host.json").toFile());
            recorded.set("incus", host.get("incus"));
            recorded.set("appAccess", host.get("appAccess"));
            Files.writeString(
                    FIXTURE.resolve("host.json"),
                    JSON.writeValueAsString(JSON.treeToValue(recorded, Object.class)) + "\n");
            return;
        }
        assertEquals(
                JSON.writeValueAsString(JSON.treeToValue(
                        FixtureCapture.forComparison(
                                JSON.readTree(FIXTURE.resolve("incus-api.json").toFile())),
                        Object.class)),
                JSON.writeValueAsString(JSON.treeToValue(FixtureCapture.forComparison(api), Object.class)),
                "cluster/incus-api.json is not what the cluster gives today; re-capture with -Dtaos.fixtures=write");
    }
}

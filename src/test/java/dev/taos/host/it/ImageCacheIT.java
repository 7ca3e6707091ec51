package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taos.host.JsonSchemas;
import dev.taos.host.app.ImagesFile;
import dev.taos.host.core.image.LayerKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.utility.MountableFile;

/**
 * The image cache on a real host after setup (a btrfs default pool): layers built ancestors first with the keys this
 * JVM computes from the same file, hits on a second run, only what changed rebuilt, agents launched warm and by the
 * build path, and a failing script, a kill -9, a SIGTERM and a second build at once leaving the previous image and
 * alias alone. Each test declares its own layers on one shared host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoLeaks.class)
class ImageCacheIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LAYERS = """
            version: 1
            layers:
              framework:
                parent: busybox
                cached: |
                  mkdir -p /opt/fw /usr/share/doc/fw
                  echo installing the framework
                  dd if=/dev/zero of=/usr/share/doc/fw/manual bs=1k count=300 2>/dev/null
                  echo v1 > /opt/fw/version
                files:
                  /opt/fw/conf.json: conf.json
              agent:
                parent: framework
                cached: |
                  echo env-1 > /opt/fw/env
                run: |
                  hostname > /opt/fw/me
                trim: [docs, tmp]
            """;

    private IncusHost host;

    @BeforeAll
    void startHost() {
        host = new IncusHost();
        host.start();
        host.taosHost("setup", "--yes").requireSuccess("run setup");
        host.sh("incus profile device remove default eth0");
        host.sh("incus image import " + IncusHost.BUSYBOX_IMAGE + " --alias busybox");
    }

    @AfterAll
    void stopHost() {
        host.close();
    }

    @Test
    void buildsAncestorsFirstWithPortableKeysThenOnlyWhatChanged(@TempDir Path local) throws Exception {
        Files.writeString(local.resolve("images.yaml"), LAYERS);
        Files.writeString(local.resolve("conf.json"), "{\"model\": \"small\"}\n");
        host.copyFileToContainer(MountableFile.forHostPath(local.resolve("images.yaml")), "/etc/taos-host/images.yaml");
        host.copyFileToContainer(MountableFile.forHostPath(local.resolve("conf.json")), "/etc/taos-host/conf.json");

        JsonNode first = build();
        assertEquals(List.of("framework:built", "agent:built"), results(first));
        assertEquals(
                portableKeys(local),
                List.of(
                        first.at("/layers/0/key").asText(),
                        first.at("/layers/1/key").asText()),
                "the keys a real build stores are the ones computed here from the same file, on another machine");
        assertEquals(
                300 * 1024,
                first.at("/layers/0/trimmed/docs").asLong(),
                "the framework's manual was trimmed and measured");
        host.sh("incus image show taos/framework | grep -q 'taos.key: "
                + first.at("/layers/0/key").asText() + "'");

        assertEquals(List.of("framework:hit", "agent:hit"), results(build()), "a second run builds nothing");

        host.sh("sed -i 's/hostname > /echo launched > /' /etc/taos-host/images.yaml");
        assertEquals(List.of("framework:hit", "agent:hit"), results(build()), "the run script is not part of the key");

        host.sh("sed -i 's/env-1/env-2/' /etc/taos-host/images.yaml");
        JsonNode changed = build();
        assertEquals(List.of("framework:hit", "agent:built"), results(changed));
        assertEquals("its cached script changed", changed.at("/layers/1/why").asText());
        assertEquals(
                first.at("/layers/0/fingerprint").asText(),
                changed.at("/layers/0/fingerprint").asText());
        assertEquals(
                changed.at("/layers/1/fingerprint").asText().substring(0, 12),
                alias("taos/agent"),
                "the alias moved to the new image");

        JsonNode warm = launch("agent", "warm-1");
        assertEquals("cached", warm.get("path").asText());
        assertEquals(
                "launched\nv1\nenv-2\n{\"model\": \"small\"}\n",
                host.sh("incus exec warm-1 -- cat /opt/fw/me /opt/fw/version /opt/fw/env /opt/fw/conf.json")
                        .stdout());
        assertEquals(
                1,
                host.exec("incus", "exec", "warm-1", "--", "test", "-e", "/usr/share/doc/fw/manual")
                        .exitCode(),
                "the manual was trimmed");

        host.sh("sed -i 's/env-2/env-3/' /etc/taos-host/images.yaml");
        IncusHost.Result refused = host.taosHost("image", "launch", "agent", "cold-0", "--no-build");
        assertEquals(3, refused.exitCode(), refused.stderr());
        assertTrue(
                refused.stderr().contains("agent is not cached: its cached script changed and --no-build was given"),
                refused.stderr());
        assertEquals(1, host.exec("incus", "info", "cold-0").exitCode(), "nothing was launched");

        JsonNode cold = launch("agent", "cold-1");
        assertEquals("build", cold.get("path").asText());
        assertEquals(
                changed.at("/layers/0/fingerprint").asText(),
                cold.get("from").asText(),
                "from the nearest cached ancestor");
        assertEquals("env-3\n", host.sh("incus exec cold-1 -- cat /opt/fw/env").stdout());
        host.sh("incus delete --force warm-1 cold-1");

        IncusHost.Result reported =
                host.taosHost("image", "report", "taos/framework", "--against", "busybox", "--json");
        assertEquals(0, reported.exitCode(), reported.stderr());
        assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.named("image-report"), reported.stdout()));
        JsonNode report = JSON.readTree(reported.stdout());
        assertEquals(0, report.at("/image/rules/docs").asLong(), "the framework's docs were trimmed");
        assertTrue(
                report.at("/image/rootfsBytes").asLong()
                        > report.at("/against/rootfsBytes").asLong(),
                reported.stdout());
        assertTrue(
                report.at("/image/gzipBytes").asLong() > 0
                        && report.at("/image/storedBytes").asLong() > 0,
                reported.stdout());
        assertEquals(
                "",
                host.sh("incus list -c n -f csv taos-report-").stdout().strip(),
                "the temporary instance was deleted");
    }

    @Test
    void aFailingScriptAKilledBuildAndASecondBuildLeaveThePreviousImageAndAlias() {
        host.sh("mkdir -p /root/solo && printf 'version: 1\\nlayers:\\n  solo:\\n    parent: busybox\\n    cached: "
                + "|\\n      echo good > /good\\n'"
                + " > /root/solo/images.yaml");
        IncusHost.Result preview = host.taosHost("image", "build", "--dry-run", "--file", "/root/solo/images.yaml");
        assertEquals(0, preview.exitCode(), preview.stdout() + preview.stderr());
        assertTrue(preview.stdout().startsWith("solo: build ("), preview.stdout());
        assertTrue(preview.stdout().contains("      $ incus init busybox taos-build-solo --quiet\n"), preview.stdout());
        assertEquals(1, host.exec("incus", "info", "taos-build-solo").exitCode(), "the preview makes nothing");
        host.taosHost("image", "build", "--file", "/root/solo/images.yaml").requireSuccess("build solo");
        String before = alias("taos/solo");

        host.sh("sed -i 's/echo good > \\/good/echo the last words; exit 7/' /root/solo/images.yaml");
        IncusHost.Result failed = host.taosHost("image", "build", "--file", "/root/solo/images.yaml");
        assertEquals(4, failed.exitCode(), failed.stdout() + failed.stderr());
        assertTrue(
                failed.stdout()
                        .contains(
                                "Failed to run solo's cached script in taos-build-solo: it exited 7 (the last words)"),
                failed.stdout());
        assertEquals(before, alias("taos/solo"));
        assertEquals(1, host.exec("incus", "info", "taos-build-solo").exitCode(), "the builder was deleted");

        host.sh("sed -i 's/echo the last words; exit 7/touch \\/started; sleep 600/' /root/solo/images.yaml");
        host.sh("nohup java -jar " + IncusHost.JAR
                + " image build --file /root/solo/images.yaml >/tmp/build.log 2>&1 & echo $! >/tmp/build.pid");
        host.sh("for i in $(seq 1 600); do incus exec taos-build-solo -- test -e /started 2>/dev/null && exit 0; sleep "
                + "0.1; done; exit 1");
        IncusHost.Result second = host.taosHost("image", "build", "--file", "/root/solo/images.yaml");
        assertEquals(5, second.exitCode(), "a second build at once is refused: " + second.stderr());
        host.sh("kill -9 $(cat /tmp/build.pid)");
        assertEquals(before, alias("taos/solo"), "a killed build leaves the alias where it was");
        assertEquals(
                0,
                host.exec("incus", "info", "taos-build-solo").exitCode(),
                "kill -9 leaves the builder to the next run");

        host.sh("sed -i 's/touch \\/started;/touch \\/started-again;/' /root/solo/images.yaml");
        host.sh("nohup java -jar " + IncusHost.JAR
                + " image build --file /root/solo/images.yaml >/tmp/build.log 2>&1 & echo $! >/tmp/build.pid");
        host.sh("for i in $(seq 1 600); do incus exec taos-build-solo -- test -e /started-again 2>/dev/null && exit 0; "
                + "sleep 0.1; done;"
                + " cat /tmp/build.log >&2; exit 1");
        assertTrue(host.sh("cat /tmp/build.log")
                .stdout()
                .contains("Removing taos-build-solo, left behind by an interrupted build."));
        host.sh("kill -TERM $(cat /tmp/build.pid); for i in $(seq 1 300); do kill -0 $(cat /tmp/build.pid) 2>/dev/null "
                + "|| exit 0; sleep 0.1; done; exit 1");
        assertEquals(
                1,
                host.exec("incus", "info", "taos-build-solo").exitCode(),
                "a build stopped by SIGTERM deletes its builder");
        assertEquals(before, alias("taos/solo"));

        host.sh("sed -i 's/touch \\/started-again; sleep 600/echo better > \\/good/' /root/solo/images.yaml");
        IncusHost.Result next = host.taosHost("image", "build", "--file", "/root/solo/images.yaml");
        assertEquals(0, next.exitCode(), next.stdout() + next.stderr());
        assertFalse(before.equals(alias("taos/solo")));
        assertEquals(1, host.exec("incus", "info", "taos-build-solo").exitCode());
    }

    @Test
    void pruneKeepsCurrentUsedAndNewestImagesAndAsksFirst() {
        host.sh("mkdir -p /root/prune && printf 'version: 1\\nlayers:\\n  pruned:\\n    parent: busybox\\n    cached: "
                + "echo 1 > /n\\n' > /root/prune/images.yaml");
        String used = buildPruned();
        host.sh("incus launch " + used + " from-old");
        host.sh("sed -i 's/echo 1/echo 2/' /root/prune/images.yaml");
        String stale = buildPruned();
        host.sh("sed -i 's/echo 2/echo 3/' /root/prune/images.yaml");
        String newerStale = buildPruned();
        host.sh("sed -i 's/echo 3/echo 4/' /root/prune/images.yaml");
        String current = buildPruned();

        IncusHost.Result unasked = host.taosHost("image", "prune");
        assertEquals(2, unasked.exitCode(), unasked.stderr());
        assertTrue(unasked.stderr().contains("there is no terminal to confirm on. Run with --yes"), unasked.stderr());
        assertTrue(imageExists(stale));

        IncusHost.Result pruned = host.taosHost("image", "prune", "--yes");
        assertEquals(0, pruned.exitCode(), pruned.stderr());
        assertTrue(pruned.stdout().contains("Removing pruned " + stale.substring(0, 12)), pruned.stdout());
        assertFalse(imageExists(stale));
        assertTrue(
                imageExists(current) && imageExists(used) && imageExists(newerStale),
                "current, in use, and the newest earlier build stay");
        host.sh("incus delete --force from-old");
    }

    private String buildPruned() {
        host.taosHost("image", "build", "--file", "/root/prune/images.yaml").requireSuccess("build pruned");
        return alias("taos/pruned");
    }

    private boolean imageExists(String fingerprint) {
        return host.exec("incus", "image", "info", fingerprint).exitCode() == 0;
    }

    private String alias(String alias) {
        return host.sh("incus image alias list -f csv | grep '^" + alias + ",' | cut -d, -f2")
                .stdout()
                .strip();
    }

    private JsonNode build() throws Exception {
        IncusHost.Result result = host.taosHost("image", "build", "--json");
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.named("image-build"), result.stdout()));
        return JSON.readTree(result.stdout());
    }

    private JsonNode launch(String layer, String name) throws Exception {
        IncusHost.Result result = host.taosHost("image", "launch", layer, name, "--json");
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.named("image-launch"), result.stdout()));
        return JSON.readTree(result.stdout());
    }

    private static List<String> results(JsonNode built) {
        return java.util.stream.StreamSupport.stream(built.get("layers").spliterator(), false)
                .map(l -> l.get("layer").asText() + ":" + l.get("status").asText())
                .toList();
    }

    /** The keys computed in this JVM from the same file and contents, the busybox image's fingerprint and the arch. */
    private List<String> portableKeys(Path local) {
        var layers = ImagesFile.read(local.resolve("images.yaml"));
        Map<String, String> hashes = ImagesFile.fileHashes(layers.values());
        String busybox = host.sh("incus image alias list -f csv | grep '^busybox,' | cut -d, -f2")
                .stdout()
                .strip();
        String fingerprint = host.sh("incus image info " + busybox + " | sed -n 's/^Fingerprint: //p'")
                .stdout()
                .strip();
        String arch = host.sh("uname -m").stdout().strip();
        String framework =
                LayerKey.of(layers.get("framework"), fingerprint, arch, hashes).key();
        String agent = LayerKey.of(layers.get("agent"), framework, arch, hashes).key();
        return List.of(framework, agent);
    }
}

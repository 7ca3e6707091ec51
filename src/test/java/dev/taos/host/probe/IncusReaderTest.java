package dev.taos.host.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.IncusFacts.Status;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.StoragePool;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncusReaderTest {

    private static IncusFacts read(String fixture) {
        return new IncusReader(Fixtures.api(fixture)).read();
    }

    @Test
    void dirWithAgentsHasThreeInstancesOnTheDirPool() {
        IncusFacts incus = read("dir-with-agents");
        assertEquals(Status.RUNNING, incus.status());
        assertEquals("6.0.4", incus.serverVersion());
        assertEquals(List.of("btrfs", "dir"), incus.supportedDrivers());
        assertEquals("default", incus.defaultProfile().rootPool());
        assertFalse(incus.defaultProfile().hasNic());
        StoragePool pool = incus.pool("default").orElseThrow();
        assertEquals("dir", pool.driver());
        assertFalse(pool.loopBacked());
        assertFalse(pool.emptyExceptDefaultProfile());
        assertEquals(
                List.of("stanley-data"),
                pool.customVolumes().stream()
                        .map(StoragePool.CustomVolume::name)
                        .toList());
        assertEquals(List.of("stanley"), pool.customVolumes().get(0).usedBy());
        assertEquals(
                List.of("mary", "naira", "stanley"),
                incus.instances().stream().map(Instance::name).toList());
        assertEquals(
                List.of("mary", "naira", "stanley"),
                incus.instancesOn("default").stream().map(Instance::name).toList());
    }

    /**
     * incus query prints nothing for a null answer, as a fresh daemon gives for its pools: that is no pools, not a
     * daemon down.
     */
    @Test
    void anEmptyAnswerIsAnEmptyList() {
        IncusApi captured = Fixtures.api("fresh");
        IncusFacts incus = new IncusReader(
                        path -> path.equals("/1.0/storage-pools?recursion=1") ? "" : captured.query(path))
                .read();
        assertEquals(Status.RUNNING, incus.status(), incus.detail());
        assertEquals(List.of(), incus.pools());
    }

    @Test
    void instanceDetailsComeFromExpandedDevicesAndSnapshots() {
        IncusFacts incus = read("dir-with-agents");
        Instance stanley = incus.instance("stanley").orElseThrow();
        assertEquals(List.of("snap0", "snap1"), stanley.snapshots());
        assertEquals(List.of("default/stanley-data"), stanley.customVolumes());
        assertFalse(stanley.rootDeviceLocal(), "the root disk comes from the default profile");
        assertTrue(stanley.running());
        assertEquals("Stopped", incus.instance("naira").orElseThrow().status());
        assertEquals(-1, stanley.diskUsageBytes(), "dir pools report no usage; du fills it in");
    }

    @Test
    void emptyDirPoolIsUsedOnlyByTheDefaultProfile() {
        StoragePool pool = read("dir-empty").pool("default").orElseThrow();
        assertTrue(pool.emptyExceptDefaultProfile());
        assertEquals("/var/lib/incus/storage-pools/default", pool.source());
    }

    @Test
    void btrfsLoopPoolIsRecognisedWithItsSize() {
        IncusFacts incus = read("btrfs-already");
        StoragePool pool = incus.pool("default").orElseThrow();
        assertEquals("btrfs", pool.driver());
        assertTrue(pool.loopBacked());
        assertEquals(8L << 30, pool.configuredSize());
        assertEquals("/var/lib/incus/disks/default.img", pool.source());
        assertTrue(pool.copyOnWrite());
        assertEquals(List.of("busybox"), incus.images().get(0).aliases());
    }

    @Test
    void freshDaemonHasNoPoolsAndAProfileWithoutRoot() {
        IncusFacts incus = read("fresh");
        assertTrue(incus.pools().isEmpty());
        assertFalse(incus.defaultProfile().hasRoot());
        assertTrue(incus.managedNetworks().isEmpty());
    }

    @Test
    void daemonWithoutBtrfsToolsSupportsOnlyDir() {
        assertEquals(List.of("dir"), read("no-cow-driver").supportedDrivers());
    }

    @Test
    void unreachableDaemonIsReportedNotThrown() {
        IncusApi down = path -> {
            throw new IncusApi.IncusUnavailable(
                    Status.DAEMON_DOWN, "Error: The incus daemon doesn't appear to be started");
        };
        IncusFacts incus = new IncusReader(down).read();
        assertEquals(Status.DAEMON_DOWN, incus.status());
        assertTrue(incus.detail().contains("doesn't appear to be started"));
    }

    @Test
    void capturedRecordMatchesWhatTheReaderParses() {
        for (String fixture :
                List.of("fresh", "dir-empty", "dir-with-agents", "btrfs-already", "btrfs-host", "no-cow-driver")) {
            IncusFacts recorded = Fixtures.recorded(fixture).incus();
            IncusFacts parsed = read(fixture);
            assertEquals(recorded.pools(), parsed.pools(), fixture);
            assertEquals(recorded.defaultProfile(), parsed.defaultProfile(), fixture);
            assertEquals(recorded.supportedDrivers(), parsed.supportedDrivers(), fixture);
            assertEquals(
                    recorded.instances().stream().map(Instance::name).toList(),
                    parsed.instances().stream().map(Instance::name).toList(),
                    fixture);
        }
    }
}

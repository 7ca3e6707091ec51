package dev.taos.host.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchBenchTest {

    private static IncusFacts incus(String fixture) {
        return Fixtures.host(fixture).incus();
    }

    private static LaunchBench.Decision.Refused refused(LaunchBench.Decision decision) {
        return assertInstanceOf(LaunchBench.Decision.Refused.class, decision);
    }

    @Test
    void comparesTheDefaultProfilesPoolWithATemporaryDirPool() {
        var run = assertInstanceOf(
                LaunchBench.Decision.Run.class,
                LaunchBench.decide(incus("btrfs-already"), Optional.of("busybox"), 3, Optional.empty()));
        LaunchBench bench = run.bench();
        assertEquals(new LaunchBench("busybox", 3, "default", "btrfs", "taos-bench-dir"), bench);
        assertEquals(
                List.of("incus", "storage", "create", "taos-bench-dir", "dir"),
                bench.createDirPool().argv());
        assertEquals(
                List.of("incus", "launch", "busybox", "taos-bench-cow-2", "--storage", "default"),
                bench.launch("default", bench.instanceName("default", 2)).argv());
        assertEquals(
                List.of("incus", "launch", "busybox", "taos-bench-dir-0", "--storage", "taos-bench-dir"),
                bench.launch("taos-bench-dir", bench.instanceName("taos-bench-dir", 0))
                        .argv());
        assertEquals(
                List.of("incus", "delete", "--force", "taos-bench-dir-1"),
                bench.delete("taos-bench-dir-1").argv());
        assertEquals(
                List.of("incus", "storage", "delete", "taos-bench-dir"),
                bench.deleteDirPool().argv());
        assertEquals(List.of("taos-bench-dir", "default"), bench.pools());
    }

    @Test
    void aDirTargetIsMeasuredButSaysToExpectNoSpeedUp() {
        var run = assertInstanceOf(
                LaunchBench.Decision.Run.class,
                LaunchBench.decide(incus("dir-with-agents"), Optional.of("busybox"), 1, Optional.empty()));
        assertTrue(
                run.notes().get(0).startsWith("Pool \"default\" is dir, not copy-on-write: expect no speed-up."),
                run.notes().toString());
    }

    @Test
    void refusesWithWhatToDo() {
        var noImage = refused(LaunchBench.decide(incus("btrfs-already"), Optional.empty(), 3, Optional.empty()));
        assertEquals("no local image has the alias or fingerprint \"taos-openclaw-base\"", noImage.problem());
        assertTrue(noImage.remedy().contains("taos-host fetch-base-image"), noImage.remedy());

        var runs = refused(LaunchBench.decide(incus("btrfs-already"), Optional.of("busybox"), 0, Optional.empty()));
        assertTrue(runs.invalidInput());
        assertEquals("give --runs between 1 and 50", runs.remedy());

        var pool = refused(LaunchBench.decide(incus("btrfs-already"), Optional.of("busybox"), 3, Optional.of("fast")));
        assertEquals("there is no storage pool \"fast\"", pool.problem());
        assertEquals("pass --pool with one of: default", pool.remedy());

        assertEquals(
                "the default profile has no root pool to measure",
                refused(LaunchBench.decide(incus("fresh"), Optional.of("busybox"), 3, Optional.empty()))
                        .problem());
        assertTrue(refused(LaunchBench.decide(incus("daemon-down"), Optional.empty(), 3, Optional.empty()))
                .problem()
                .startsWith("the Incus daemon does not answer"));
    }

    @Test
    void refusesWhileAnEarlierBenchLeftInstancesBehind() {
        IncusFacts facts = incus("btrfs-already");
        List<Instance> instances = new ArrayList<>(facts.instances());
        Instance alpha = instances.get(0);
        instances.add(new Instance(
                "taos-bench-cow-1",
                alpha.project(),
                alpha.type(),
                alpha.status(),
                alpha.pool(),
                alpha.rootDeviceLocal(),
                alpha.autostart(),
                alpha.diskUsageBytes(),
                alpha.snapshots(),
                alpha.customVolumes(),
                alpha.profiles(),
                alpha.devices(),
                alpha.expandedDevices(),
                alpha.identity(),
                alpha.baseImage(),
                alpha.location()));
        var refusal = refused(
                LaunchBench.decide(facts.withInstances(instances), Optional.of("busybox"), 3, Optional.empty()));
        assertEquals("an earlier bench left taos-bench-cow-1 behind", refusal.problem());
        assertTrue(refusal.remedy().startsWith("check they are not yours, delete them"), refusal.remedy());
    }

    @Test
    void medianAndSpeedUp() {
        var dir = new LaunchTimes(
                "taos-bench-dir",
                "dir",
                Duration.ofMillis(3500),
                List.of(Duration.ofMillis(3300), Duration.ofMillis(3100), Duration.ofMillis(9000)));
        var cow = new LaunchTimes(
                "default",
                "btrfs",
                Duration.ofMillis(6000),
                List.of(
                        Duration.ofMillis(200),
                        Duration.ofMillis(100),
                        Duration.ofMillis(400),
                        Duration.ofMillis(300)));
        assertEquals(Duration.ofMillis(3300), dir.median());
        assertEquals(Duration.ofMillis(250), cow.median());
        assertEquals(13.2, cow.speedUpOver(dir), 1e-9);
    }
}

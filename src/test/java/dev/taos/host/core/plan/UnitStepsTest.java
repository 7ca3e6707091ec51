package dev.taos.host.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.TestCommands;
import dev.taos.host.core.Hashing;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.UnitFacts;
import dev.taos.host.core.units.DesiredFiles;
import dev.taos.host.core.units.ManagedFile;
import dev.taos.host.core.units.UnitChoices;
import dev.taos.host.core.units.UnitSettings;
import dev.taos.host.probe.UnitCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The file and unit steps, on a captured host whose storage is already copy-on-write, so only they remain. */
class UnitStepsTest {

    private static final UnitChoices.Resolved OFF = new UnitChoices.Resolved(false, false, false);
    private static final UnitSettings SETTINGS = new UnitSettings(
            "taos",
            "taos",
            "/opt/tinyagentos",
            "/opt/tinyagentos/venv/bin/python",
            "/opt/tinyagentos/scripts/stop.sh",
            false,
            "/usr/bin/java",
            HostPaths.JAR,
            UnitSettings.PoolWatch.defaults());
    private static final UnitSteps.Jar JAR =
            new UnitSteps.Jar(HostPaths.JAR, "/home/op/taos-host/target/taos-host.jar", "ab".repeat(32));
    private static final Planner.HostFiles FILES = new Planner.HostFiles(UnitCatalog.sources(), SETTINGS, JAR);
    private static final List<ManagedFile> DESIRED =
            DesiredFiles.build(UnitCatalog.sources(), SETTINGS, "default", false, OFF);

    private static PlanOutcome.Plan plan(HostFacts facts) {
        return (PlanOutcome.Plan) Planner.plan(facts, InstallRequest.defaults(), FILES);
    }

    private final List<String> notes = new ArrayList<>();

    private List<Step> steps(HostFacts facts) {
        return new UnitSteps(facts).plan(DESIRED, JAR, notes);
    }

    private static Map<String, String> installed() {
        Map<String, String> files = new HashMap<>();
        DESIRED.forEach(f -> files.put(f.path(), Hashing.sha256(f.content())));
        files.put(HostPaths.JAR, JAR.sha256());
        return files;
    }

    private static List<UnitFacts> timerEnabled() {
        return List.of(new UnitFacts("taos-pool-watch.timer", true, "enabled", "active"));
    }

    @Test
    void aHostWithoutTheFilesGetsTheJarConfigAndUnitsCheckedReloadedAndEnabled() {
        HostFacts facts = Hosts.withFiles(Fixtures.host("btrfs-already"), true, Map.of(), List.of());
        List<Step> steps = steps(facts);
        assertEquals(
                List.of(Step.Kind.INSTALL_FILES, Step.Kind.ENABLE_UNITS),
                steps.stream().map(Step::kind).toList());
        List<String> shown =
                steps.get(0).actions().stream().map(Action::display).toList();
        assertEquals(
                List.of(
                        "install /home/op/taos-host/target/taos-host.jar as /usr/local/lib/taos-host/taos-host.jar "
                                + "(mode 0644)",
                        "write /etc/taos-host/taos-host.conf (mode 0644)",
                        "write /etc/systemd/system/taos-pool-watch.service (mode 0644)",
                        "write /etc/systemd/system/taos-pool-watch.timer (mode 0644)",
                        "systemd-analyze verify /etc/systemd/system/taos-pool-watch.service "
                                + "/etc/systemd/system/taos-pool-watch.timer",
                        "systemctl daemon-reload"),
                shown);
        assertEquals(
                List.of(List.of("systemctl", "enable", "--now", "taos-pool-watch.timer")),
                TestCommands.argv(steps.get(1).actions()));
        assertEquals(
                List.of(List.of("systemctl", "disable", "--now", "taos-pool-watch.timer")),
                TestCommands.argv(steps.get(1).revert()));
    }

    @Test
    void aHostInTheWantedStateHasNothingToDo() {
        PlanOutcome.Plan plan =
                plan(Hosts.withFiles(Fixtures.host("btrfs-already"), true, installed(), timerEnabled()));
        assertTrue(plan.nothingToDo(), plan.steps().toString());
        assertEquals("Nothing to do: the host already launches agents copy-on-write.", plan.summary());
    }

    @Test
    void aChangedFileIsRewrittenAloneAndItsUndoRestoresTheBackup() {
        Map<String, String> files = installed();
        String old = "cd".repeat(32);
        files.put("/etc/systemd/system/taos-pool-watch.service", old);
        List<Step> steps = steps(Hosts.withFiles(Fixtures.host("btrfs-already"), true, files, timerEnabled()));
        assertEquals(1, steps.size());
        List<Action> actions = steps.get(0).actions();
        assertTrue(
                actions.get(0) instanceof Action.WriteFile write
                        && write.path().equals("/etc/systemd/system/taos-pool-watch.service"),
                actions.toString());
        assertEquals(
                List.of(
                        "mv",
                        "-f",
                        "/etc/systemd/system/taos-pool-watch.service.taos-backup-" + old.substring(0, 12),
                        "/etc/systemd/system/taos-pool-watch.service"),
                TestCommands.argv(steps.get(0).revert()).get(0));
    }

    @Test
    void withoutSystemdFilesAreWrittenButNeitherCheckedNorEnabled() {
        List<Step> steps = steps(Hosts.withFiles(Fixtures.host("btrfs-already"), false, Map.of(), List.of()));
        assertEquals(
                List.of(Step.Kind.INSTALL_FILES), steps.stream().map(Step::kind).toList());
        assertTrue(steps.get(0).actions().stream().noneMatch(a -> a.display().startsWith("systemd")), steps.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("systemd is not PID 1 here")), notes.toString());
    }

    @Test
    void fileStepsComeAfterThePoolOnAFreshHost() {
        List<Step.Kind> kinds = new ArrayList<>(
                plan(Hosts.withFiles(Fixtures.host("fresh"), true, Map.of(), List.of())).steps().stream()
                        .map(Step::kind)
                        .toList());
        assertEquals(
                List.of(
                        Step.Kind.CREATE_POOL,
                        Step.Kind.SET_PROFILE_ROOT,
                        Step.Kind.CREATE_NETWORK,
                        Step.Kind.INSTALL_FILES,
                        Step.Kind.ENABLE_UNITS),
                kinds);
    }

    @Test
    void optingInStartsTheBaseImageFetchWithoutWaitingAndOptingOutRemovesIt() {
        HostFacts facts = Hosts.withFiles(Fixtures.host("btrfs-already"), true, installed(), timerEnabled());
        var withFetch = DesiredFiles.build(
                UnitCatalog.sources(), SETTINGS, "default", false, new UnitChoices.Resolved(true, false, false));
        List<Step> on = new UnitSteps(facts).plan(withFetch, JAR, notes);
        assertEquals(
                List.of(
                        "write /etc/taos-host/taos-host.conf (mode 0644)",
                        "write /etc/systemd/system/taos-base-image.service (mode 0644)",
                        "systemd-analyze verify /etc/systemd/system/taos-base-image.service",
                        "systemctl daemon-reload"),
                on.get(0).actions().stream().map(Action::display).toList());
        assertEquals(
                List.of(
                        List.of("systemctl", "enable", "taos-base-image.service"),
                        List.of("systemctl", "start", "--no-block", "taos-base-image.service")),
                TestCommands.argv(on.get(1).actions()));

        Map<String, String> files = installed();
        files.put("/etc/systemd/system/taos-base-image.service", "ef".repeat(32));
        List<Step> off = steps(Hosts.withFiles(Fixtures.host("btrfs-already"), true, files, timerEnabled()));
        assertEquals("Removing taos-base-image.service (turned off)", off.get(0).description());
        String backup = "/etc/systemd/system/taos-base-image.service.taos-backup-efefefefefef";
        assertEquals(
                List.of(
                        List.of("systemctl", "disable", "taos-base-image.service"),
                        List.of("mv", "-f", "/etc/systemd/system/taos-base-image.service", backup),
                        List.of("systemctl", "daemon-reload")),
                TestCommands.argv(off.get(0).actions()));
        assertEquals(
                List.of(
                        List.of("mv", "-f", backup, "/etc/systemd/system/taos-base-image.service"),
                        List.of("systemctl", "enable", "taos-base-image.service")),
                TestCommands.argv(off.get(0).revert()),
                "the file comes back before it is enabled again");
    }
}

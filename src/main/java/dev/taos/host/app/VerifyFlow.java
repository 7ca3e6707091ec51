package dev.taos.host.app;

import dev.taos.host.apply.FetchStatusFile;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.plan.AppChoice;
import dev.taos.host.core.units.DesiredFiles;
import dev.taos.host.core.units.ManagedFile;
import dev.taos.host.core.units.UnitChoices;
import dev.taos.host.core.verify.Verifier;
import dev.taos.host.core.verify.Verifier.Check;
import dev.taos.host.exec.Runner;
import dev.taos.host.probe.SystemdAnalyze;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * verify, and setup's last word: the probed host against the state setup makes, with systemd's own opinion of the
 * units.
 */
public final class VerifyFlow {

    private VerifyFlow() {}

    /**
     * Every check of the host as it is now; for {@code app} not prepared (setup --no-prepare-app) the app's door checks
     * only warn, and so does its proxy check when it declined them (--no-app-proxies).
     */
    public static List<Check> checks(Host host, AppChoice app) {
        HostFacts facts = host.probe();
        String pool = facts.incus().defaultProfile().rootPool();
        var files = host.files()
                .apply(facts)
                .orElseThrow(() -> new IllegalStateException("Failed to verify: this host installs no files"));
        List<ManagedFile> desired = DesiredFiles.build(
                files.sources(),
                files.settings(),
                pool,
                facts.taosApp().present(),
                UnitChoices.asInstalled().resolve(facts.installedConfig()));
        List<Check> checks = new ArrayList<>(Verifier.check(
                facts,
                desired,
                files.jar(),
                files.settings().poolWatch().warnPercent(),
                new FetchStatusFile(host.stateDir()).read(),
                app));
        if (facts.host().systemdPid1()) {
            checks.add(analyze(host.runner(), desired));
        }
        return checks;
    }

    public static boolean allOk(List<Check> checks) {
        return checks.stream().allMatch(Check::ok);
    }

    /** verify's exit code: 0 when every check holds, else 6. */
    public static ExitCode exit(List<Check> checks) {
        return allOk(checks) ? ExitCode.OK : ExitCode.NOT_AS_WANTED;
    }

    /** systemd's own opinion of the installed units. */
    private static Check analyze(Runner runner, List<ManagedFile> desired) {
        List<String> units = desired.stream()
                .map(ManagedFile::path)
                .filter(p -> p.startsWith(HostPaths.UNIT_DIR))
                .toList();
        Optional<String> complaints = SystemdAnalyze.complaints(runner, units);
        return new Check(
                "systemd-analyze verify accepts the units", complaints.isEmpty(), complaints.orElse("no complaints"));
    }
}

package dev.taos.host.cli;

import dev.taos.host.ExitCode;
import dev.taos.host.apply.FetchStatusFile;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.units.DesiredFiles;
import dev.taos.host.core.units.ManagedFile;
import dev.taos.host.core.units.UnitChoices;
import dev.taos.host.core.verify.Verifier.Check;
import dev.taos.host.core.verify.Verifier;
import dev.taos.host.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(mixinStandardHelpOptions = true, name = "verify", description = "Check that the host is in the state setup makes: pool, default profile, instances, files, units. Changes nothing.")
final class VerifyCommand implements Callable<Integer> {

    /** The {@code verify --json} document. */
    record VerifyJson(int schemaVersion, boolean ok, int exitCode, List<Check> checks) {
    }

    @ParentCommand
    TaosHostCommand parent;

    @Option(names = "--json", description = "Print the checks as JSON (schema in README.md).")
    boolean json;

    @Override
    public Integer call() {
        HostEnvironment env = parent.environment();
        List<Check> checks = verify(env, env.probe(null));
        int exit = allOk(checks) ? ExitCode.OK.code() : ExitCode.NOT_AS_WANTED.code();
        if (json) {
            parent.out().println(Json.write(new VerifyJson(1, allOk(checks), exit, checks)));
        } else {
            parent.out().print(render(checks));
        }
        return exit;
    }

    static List<Check> verify(HostEnvironment env, HostFacts facts) {
        String pool = facts.incus().defaultProfile().rootPool();
        var files = env.hostFiles(facts).orElseThrow(() -> new IllegalStateException("Failed to verify: this environment installs no files"));
        List<ManagedFile> desired = DesiredFiles.build(files.sources(), files.settings(), pool, facts.taosApp().present(),
                UnitChoices.asInstalled().resolve(facts.installedConfig()));
        List<Check> checks = new ArrayList<>(Verifier.check(facts, desired, files.jar(), files.settings().poolWatch().warnPercent(),
                new FetchStatusFile(env.stateDir()).read()));
        if (facts.host().systemdPid1()) {
            checks.add(analyze(env.runner(), desired));
        }
        return checks;
    }

    /** systemd's own opinion of the installed units. */
    private static Check analyze(CommandRunner runner, List<ManagedFile> desired) {
        List<String> argv = new ArrayList<>(List.of("systemd-analyze", "verify"));
        desired.stream().map(ManagedFile::path).filter(p -> p.startsWith(HostPaths.UNIT_DIR)).forEach(argv::add);
        CommandRunner.Result result = runner.run(argv, Duration.ofMinutes(1));
        return new Check("systemd-analyze verify accepts the units", result.ok(), result.ok() ? "no complaints" : result.tail());
    }

    static boolean allOk(List<Check> checks) {
        return checks.stream().allMatch(Check::ok);
    }

    static String render(List<Check> checks) {
        StringBuilder out = new StringBuilder();
        for (Check check : checks) {
            out.append(!check.ok() ? "FAIL  " : check.warning() ? "warn  " : "ok    ").append(check.name()).append(": ")
                    .append(check.detail().replace("\n", "\n      ")).append("\n");
        }
        long failed = checks.stream().filter(c -> !c.ok()).count();
        long warnings = checks.stream().filter(Check::warning).count();
        String warned = warnings == 0 ? "" : " (" + warnings + " with a warning)";
        out.append(failed == 0 ? "All " + checks.size() + " checks hold" + warned + ".\n" : failed + " of " + checks.size() + " checks failed" + warned + ".\n");
        return out.toString();
    }
}

package dev.taos.host.core.verify;

import static dev.taos.host.core.ByteSize.human;

import dev.taos.host.core.Hashing;
import dev.taos.host.core.door.AppDoor;
import dev.taos.host.core.door.AppDoorState;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.facts.UnitFacts;
import dev.taos.host.core.image.BaseImage;
import dev.taos.host.core.image.FetchStatus;
import dev.taos.host.core.plan.AppChoice;
import dev.taos.host.core.plan.UnitSteps;
import dev.taos.host.core.units.HostConfig;
import dev.taos.host.core.units.ManagedFile;
import dev.taos.host.core.units.ManagedFile.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a probed host against the state setup makes. Pure: the same facts always give the same checks. */
public final class Verifier {

    /**
     * One check: what was checked, whether it holds, and the numbers or names behind the answer. A {@code warning}
     * holds (it does not fail verify) but says something is not finished yet, like a base image still being fetched.
     */
    public record Check(String name, boolean ok, String detail, boolean warning) {
        public Check(String name, boolean ok, String detail) {
            this(name, ok, detail, false);
        }

        static Check warning(String name, String detail) {
            return new Check(name, true, detail, true);
        }
    }

    private Verifier() {}

    /**
     * {@code desired} and {@code jar} are what setup would install on this host; {@code warnPercent} is the pool-watch
     * threshold; {@code app}: the app's door as the operator chose it (left alone: its checks only warn; proxy devices
     * declined: that check only warns).
     */
    public static List<Check> check(
            HostFacts facts,
            List<ManagedFile> desired,
            UnitSteps.Jar jar,
            int warnPercent,
            Optional<FetchStatus> fetch,
            AppChoice app) {
        List<Check> checks = new ArrayList<>();
        IncusFacts incus = facts.incus();
        checks.add(new Check(
                "Incus daemon answers",
                incus.running(),
                incus.running() ? "Incus " + incus.serverVersion() : incus.detail()));
        if (!incus.running()) {
            return checks;
        }
        String root = incus.defaultProfile().rootPool();
        Optional<StoragePool> pool = incus.pool(root);
        checks.add(new Check(
                "default profile's root pool is copy-on-write",
                pool.map(StoragePool::copyOnWrite).orElse(false),
                pool.map(Verifier::describe)
                        .orElse(
                                root.isEmpty()
                                        ? "the default profile has no root disk"
                                        : "pool \"" + root + "\" does not exist")));
        pool.filter(p -> p.loopBacked() && p.totalBytes() > 0).ifPresent(p -> {
            long percent = p.usedBytes() * 100 / p.totalBytes();
            boolean room = percent < warnPercent;
            checks.add(new Check(
                    "pool \"" + p.name() + "\" has room",
                    room,
                    percent + "% used (warning at " + warnPercent + "%)"
                            + (room ? "" : "; grow it with incus storage set " + p.name() + " size=BIGGER")));
        });
        checks.addAll(appDoor(facts, app));
        for (Instance instance : incus.instances()) {
            boolean held =
                    incus.pool(instance.pool()).map(p -> holds(p, instance)).orElse(false);
            String name = Project.qualified(instance.project(), instance.name());
            checks.add(new Check(
                    "instance \"" + name + "\" uses the pool that holds it",
                    held,
                    "root disk on \"" + instance.pool() + "\""));
        }
        boolean jarInstalled = facts.hasFile(jar.installedPath(), jar.sha256());
        checks.add(new Check(
                jar.installedPath() + " is this taos-host",
                jarInstalled,
                jarInstalled ? "same SHA-256" : "missing or another version; run taos-host setup"));
        for (ManagedFile file : desired) {
            boolean same = facts.hasFile(file.path(), Hashing.sha256(file.content()));
            checks.add(new Check(
                    file.path() + " is installed",
                    same,
                    same ? "as setup renders it" : "missing or different; run taos-host setup"));
        }
        if (facts.host().systemdPid1()) {
            desired.stream()
                    .filter(f -> f.activation() != Activation.NONE)
                    .forEach(f -> checks.add(unitState(facts, f)));
        }
        if ("1".equals(facts.installedConfig().get(HostConfig.FETCH))) {
            checks.add(baseImage(facts, fetch));
        }
        return checks;
    }

    /**
     * Whether the taOS app's next deploy works and lands copy-on-write, need by need; a host where it cannot deploy
     * fails, or, when the operator left the door alone ({@code required} false), warns.
     */
    private static List<Check> appDoor(HostFacts facts, AppChoice app) {
        boolean required = app.prepare();
        AppDoorState state = AppDoorState.of(facts);
        String name = "the taOS app can deploy";
        if (state.door() instanceof AppDoor.NoApp none) {
            return List.of(Check.warning(name, none.describe()));
        }
        List<Check> checks = new ArrayList<>();
        boolean open = !state.needs().isEmpty();
        String fix = required ? "; run taos-host setup" : "";
        String openIt = state.door() instanceof AppDoor.Closed closed
                ? "; add it to the group incus (usermod -aG incus "
                        + closed.user().name() + "), then run taos-host setup"
                : "; name the app's user with --app-user";
        checks.add(appCheck(name, open, state.door().describe() + (open ? "" : openIt), required));
        for (AppDoorState.Need need : state.needs()) {
            boolean declined = need.kind() == AppDoorState.Kind.PROXY && !app.proxies();
            checks.add(
                    declined && !need.met()
                            ? Check.warning(need.kind().check(), need.detail() + " (declined: --no-app-proxies)")
                            : appCheck(
                                    need.kind().check(),
                                    need.met(),
                                    need.detail() + (need.met() ? "" : fix),
                                    required));
        }
        return checks;
    }

    private static Check appCheck(String name, boolean ok, String detail, boolean required) {
        return ok || required
                ? new Check(name, ok, detail)
                : Check.warning(name, detail + " (left alone: --no-prepare-app)");
    }

    /** The opted-in background fetch: done, or a warning with its last failure and its next attempt. */
    private static Check baseImage(HostFacts facts, Optional<FetchStatus> fetch) {
        String name = "base images are imported";
        List<String> imported = BaseImage.aliases().stream()
                .filter(alias -> facts.incus().image(Project.DEFAULT, alias).isPresent())
                .toList();
        if (!imported.isEmpty()) {
            return new Check(name, true, String.join(", ", imported) + ", fetched in the background");
        }
        return Check.warning(
                name,
                fetch.filter(f -> f.state() != FetchStatus.State.DONE)
                        .map(f -> "not yet: " + f.describe())
                        .orElse("not yet: taos-base-image.service has not finished; see journalctl -u "
                                + "taos-base-image.service"));
    }

    private static Check unitState(HostFacts facts, ManagedFile file) {
        Optional<UnitFacts> unit = facts.unit(file.unitName());
        String enabled = unit.map(UnitFacts::enabled).orElse("");
        String active = unit.map(UnitFacts::active).orElse("");
        boolean ok =
                enabled.equals("enabled") && (file.activation() != Activation.ENABLE_NOW || active.equals("active"));
        return new Check(
                file.unitName()
                        + (file.activation() == Activation.ENABLE_NOW ? " is enabled and active" : " is enabled"),
                ok,
                "systemctl says " + (enabled.isEmpty() ? "nothing" : enabled)
                        + (active.isEmpty() ? "" : ", " + active));
    }

    private static boolean holds(StoragePool pool, Instance instance) {
        String path = "/1.0/instances/" + instance.name();
        return pool.usedBy().stream()
                .anyMatch(ref -> ref.equals(path) || ref.equals(path + "?project=" + instance.project()));
    }

    private static String describe(StoragePool pool) {
        String size =
                pool.loopBacked() ? ", " + human(pool.configuredSize()) + " loop file" : ", source " + pool.source();
        return "\"" + pool.name() + "\" (" + pool.driver() + size + ")";
    }
}

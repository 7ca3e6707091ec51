package dev.taos.host.core.plan;

import dev.taos.host.core.command.HostTools;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.facts.Distro;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How Incus gets onto a host that lacks it, per distribution, and which drivers it will then support. */
final class IncusInstallation {

    static final String BACKPORTS_FILE = "/etc/apt/sources.list.d/bookworm-backports.sources";
    static final String BACKPORTS_SOURCES = """
            Types: deb
            URIs: http://deb.debian.org/debian
            Suites: bookworm-backports
            Components: main
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
            """;

    private IncusInstallation() {}

    sealed interface Result {
        record Install(Step step) implements Result {}

        record Unsupported(Refusal refusal) implements Result {}
    }

    static Result plan(Distro distro) {
        List<Action> actions = new ArrayList<>();
        String where;
        if (isDebian(distro, 12)) {
            actions.add(new Action.WriteFile(BACKPORTS_FILE, "0644", BACKPORTS_SOURCES));
            actions.add(new Action.Run(HostTools.aptUpdate()));
            actions.add(apt("-t", "bookworm-backports"));
            where = "Debian bookworm-backports";
        } else if (isDebianAtLeast(distro, 13) || isUbuntuAtLeast(distro, 24)) {
            actions.add(new Action.Run(HostTools.aptUpdate()));
            actions.add(apt());
            where = distro.id().equals("ubuntu") ? "Ubuntu's universe archive" : "Debian's main archive";
        } else {
            return new Result.Unsupported(new Refusal(
                    Reason.UNSUPPORTED_HOST,
                    "the Incus installation",
                    distro.prettyName()
                            + " is not a distribution taos-host installs Incus on (Debian 12+, Ubuntu 24.04+)",
                    List.of("install Incus as its documentation describes for your distribution, start it, "
                            + "then run taos-host again")));
        }
        actions.add(new Action.Run(Incus.waitReady()));
        return new Result.Install(
                Step.of(Step.Kind.INSTALL_INCUS, "Installing Incus and btrfs-progs from " + where, actions));
    }

    /** The drivers a freshly installed daemon will offer, judged from the kernel and the tools present. */
    static Set<String> driversAfterInstall(HostFacts facts) {
        Set<String> drivers = new LinkedHashSet<>(List.of("dir"));
        for (CowDriver driver : CowDriver.values()) {
            if (driver.missingAfterInstall(facts).isEmpty()) {
                drivers.add(driver.incusName());
            }
        }
        return drivers;
    }

    private static Action.Run apt(String... options) {
        return new Action.Run(HostTools.aptInstall(List.of(options), List.of("incus", "btrfs-progs")));
    }

    private static boolean isDebian(Distro distro, int major) {
        return distro.id().equals("debian")
                && (distro.versionId().equals(String.valueOf(major))
                        || (major == 12 && distro.codename().equals("bookworm")));
    }

    private static boolean isDebianAtLeast(Distro distro, int major) {
        return distro.id().equals("debian")
                && (majorVersion(distro) >= major
                        || distro.codename().equals("trixie")
                        || distro.codename().equals("forky")
                        || distro.codename().equals("sid"));
    }

    private static boolean isUbuntuAtLeast(Distro distro, int major) {
        return distro.id().equals("ubuntu") && majorVersion(distro) >= major;
    }

    private static int majorVersion(Distro distro) {
        String digits = distro.versionId().split("\\.", 2)[0];
        return digits.matches("\\d+") ? Integer.parseInt(digits) : -1;
    }
}
